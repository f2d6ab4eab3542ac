/**
 * Whether a version someone runs is one an article covers, and what its fix status means there: one
 * comparison and one wording for the troubleshooter's verdict and the ticket text, so they never disagree.
 */
import type { FixStatus } from '../types.js';

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

/** What an article's fix status means for the version someone runs. */
export interface VersionVerdict {
  /** Whether the article covers that version (see coversVersion). */
  applies: boolean;
  /** One sentence saying so and what to do, for the troubleshoot page and the ticket text alike. */
  text: string;
}

/**
 * The one wording of a verdict. `productLabel` names the product (`Exchange Server`), `versions` are the
 * versions the article lists (`5.0`), `hasWorkaround` whether it gives one.
 */
export function versionVerdict(
  about: { productLabel?: string; versions: readonly string[]; fixStatus: Pick<FixStatus, 'state' | 'fixedIn'>; hasWorkaround: boolean },
  version: string,
): VersionVerdict {
  const label = about.productLabel ? `${about.productLabel} ${version}` : `version ${version}`;
  const Label = label.charAt(0).toUpperCase() + label.slice(1);
  const w = about.hasWorkaround;
  const applies = coversVersion(about.versions, version);
  if (!applies)
    return { applies, text: `This article is about ${about.versions.length ? `version ${about.versions.join(', ')}` : 'other versions'}, not ${label}.` };
  const fs = about.fixStatus;
  switch (fs.state) {
    case 'fixed':
      return { applies, text: `${Label} is affected. Fixed in ${fs.fixedIn ?? 'a later release'}: apply it.${w ? ' Until then, use the workaround.' : ''}` };
    case 'confirmed':
      return { applies, text: `${Label} is affected and no fix is published${w ? ': use the workaround.' : '.'}` };
    case 'by-design':
      return { applies, text: `On ${label} this is by design${w ? '; the article gives a workaround.' : '.'}` };
    default:
      return { applies, text: `${Label} is covered by this article.` };
  }
}
