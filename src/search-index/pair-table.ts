/**
 * Word-pair key -> term id, as an open-addressing hash table in two typed arrays. A Map<number, number>
 * of 2.5 M pairs took seconds to fill when loading; these arrays are saved as they are and loaded by
 * viewing the file's bytes. Keys are pairKey() values (exact doubles below 2^48); 0 marks an empty slot,
 * so stored keys are offset by one.
 */
export class PairTable {
  keys: Float64Array;
  values: Uint32Array;
  size: number;

  constructor(capacity = 1 << 16, keys?: Float64Array, values?: Uint32Array, size = 0) {
    this.keys = keys ?? new Float64Array(capacity);
    this.values = values ?? new Uint32Array(capacity);
    this.size = size;
  }

  static fromArrays(keys: Float64Array, values: Uint32Array): PairTable {
    let size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) size++;
    return new PairTable(keys.length, keys, values, size);
  }

  get(key: number): number | undefined {
    const k = key + 1;
    const mask = this.keys.length - 1;
    for (let i = pairSlot(k) & mask; ; i = (i + 1) & mask) {
      const at = this.keys[i];
      if (at === k) return this.values[i];
      if (at === 0) return undefined;
    }
  }

  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.resize(this.keys.length * 2);
    const k = key + 1;
    const mask = this.keys.length - 1;
    for (let i = pairSlot(k) & mask; ; i = (i + 1) & mask) {
      const at = this.keys[i];
      if (at === k) {
        this.values[i] = value;
        return;
      }
      if (at === 0) {
        this.keys[i] = k;
        this.values[i] = value;
        this.size++;
        return;
      }
    }
  }

  /** [key, value] of every entry. */
  *entries(): Generator<[number, number]> {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== 0) yield [this.keys[i] - 1, this.values[i]];
  }

  private resize(capacity: number): void {
    const old = { keys: this.keys, values: this.values };
    this.keys = new Float64Array(capacity);
    this.values = new Uint32Array(capacity);
    this.size = 0;
    for (let i = 0; i < old.keys.length; i++) if (old.keys[i] !== 0) this.set(old.keys[i] - 1, old.values[i]);
  }
}

/** Mixes the high and low halves of a key below 2^53 into 32 bits: where a stored key (key + 1) is first probed. */
export function pairSlot(k: number): number {
  const lo = k >>> 0;
  const hi = (k / 4294967296) >>> 0;
  return Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) ^ (lo >>> 15);
}
