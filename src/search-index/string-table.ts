/**
 * Strings saved as one UTF-8 blob, separated by newlines, plus the byte offset of each, so any one of them
 * decodes without the others: a command that looks up twenty words in a table of a million decodes about
 * twenty times log2(a million) strings, instead of splitting the blob into a million strings first. A
 * reader that wants them all still splits the blob at its newlines (faster than decoding each alone).
 */

/** The blob and the start of each string in it; one extra entry, one past the blob's end, closes the last. */
export function encodeStrings(strings: readonly string[]): { blob: Buffer; starts: Uint32Array } {
  const blob = Buffer.from(strings.join('\n'), 'utf8');
  const starts = new Uint32Array(strings.length + 1);
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    starts[i] = at;
    at += Buffer.byteLength(strings[i], 'utf8') + 1;
  }
  starts[strings.length] = at;
  return { blob, starts };
}

/** Strings held newline-separated in `blob`, the i-th starting at starts[i]. None may hold a newline. */
export class StringTable {
  constructor(
    private readonly blob: Buffer,
    private readonly starts: Uint32Array,
  ) {}

  get length(): number {
    return Math.max(0, this.starts.length - 1);
  }

  at(i: number): string {
    return this.blob.toString('utf8', this.starts[i], this.starts[i + 1] - 1);
  }

  /** Every string, in order. */
  all(): string[] {
    return this.length ? this.blob.toString('utf8').split('\n') : [];
  }

  /**
   * In a table sorted by JavaScript's `<` (UTF-16 order, as `Array.prototype.sort` leaves it), the first
   * position whose string is not below `s`.
   */
  lowerBound(s: string): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid) < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Position of `s` in a sorted table, or -1. */
  find(s: string): number {
    const i = this.lowerBound(s);
    return i < this.length && this.at(i) === s ? i : -1;
  }
}
