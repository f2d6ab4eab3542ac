/**
 * Whether a version someone runs is one an article covers: one comparison for the troubleshooter's verdict
 * and the ticket text, so the page and the ticket never disagree.
 */

/**
 * "1.2" and "1.2 SP3" are one release; "5.0" and "5.5" are not (stripping the trailing zero once made "5.0"
 * a prefix of "5.5"). A missing minor number counts as 0; parts after major.minor may be left off.
 */
export function sameRelease(a: string, b: string): boolean {
  const pa = versionParts(a);
  const pb = versionParts(b);
  if (!pa || !pb) return a.trim().toLowerCase() === b.trim().toLowerCase();
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return false;
  return true;
}

/** An article listing these versions covers `version`: it lists it, or lists none, or the user is not sure ('other'). */
export function coversVersion(listed: readonly string[], version: string): boolean {
  return version === 'other' || listed.length === 0 || listed.some((v) => sameRelease(v, version));
}

/** The leading numbers of a version ("4.0 SP1" -> [4, 0], "5" -> [5, 0]), or undefined when it has none. */
function versionParts(v: string): number[] | undefined {
  const m = /^\s*v?(\d+(?:\.\d+)*)/i.exec(v);
  if (!m) return undefined;
  const parts = m[1].split('.').map(Number);
  if (parts.length < 2) parts.push(0);
  return parts;
}
