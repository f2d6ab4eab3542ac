/** The k best (score, doc) pairs of a stream, with a binary min-heap: O(n log k) and no full sort. */
export class TopK {
  // Plain arrays: a TopK is made for every pasted line, and allocating typed arrays costs more than they save at this size.
  private readonly scores: number[] = [];
  private readonly docs: number[] = [];
  size = 0;

  constructor(readonly k: number) {}

  push(score: number, doc: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      this.scores[i] = score;
      this.docs[i] = doc;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.less(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
    } else if (score > this.scores[0] || (score === this.scores[0] && doc < this.docs[0])) {
      this.scores[0] = score;
      this.docs[0] = doc;
      this.siftDown(0);
    }
  }

  /** The worst score kept (the k-th best once k are kept). */
  get min(): number {
    return this.size ? this.scores[0] : -Infinity;
  }

  /** Best first; ties broken by the lower document number so results are stable. */
  sorted(): { doc: number; score: number }[] {
    const out: { doc: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ doc: this.docs[i], score: this.scores[i] });
    return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }

  // The heap's root is the worst kept pair: lowest score, and among equals the highest doc number.
  private less(i: number, j: number): boolean {
    return this.scores[i] < this.scores[j] || (this.scores[i] === this.scores[j] && this.docs[i] > this.docs[j]);
  }

  private swap(i: number, j: number): void {
    const s = this.scores[i];
    this.scores[i] = this.scores[j];
    this.scores[j] = s;
    const d = this.docs[i];
    this.docs[i] = this.docs[j];
    this.docs[j] = d;
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.less(l, m)) m = l;
      if (r < this.size && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
