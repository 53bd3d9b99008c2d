// A set of disjoint half-open number ranges kept sorted; used for page residency.
export class IntervalSet {
  /** Flat [s0, e0, s1, e1, ...], sorted and non-touching. */
  private r: number[] = [];

  add(s: number, e: number): void {
    if (s >= e) return;
    const out: number[] = [];
    let i = 0;
    const r = this.r;
    while (i < r.length && r[i + 1] < s) out.push(r[i], r[i + 1]), (i += 2);
    while (i < r.length && r[i] <= e) {
      s = Math.min(s, r[i]);
      e = Math.max(e, r[i + 1]);
      i += 2;
    }
    out.push(s, e);
    while (i < r.length) out.push(r[i], r[i + 1]), (i += 2);
    this.r = out;
  }

  remove(s: number, e: number): void {
    if (s >= e || this.r.length === 0) return;
    const out: number[] = [];
    const r = this.r;
    for (let i = 0; i < r.length; i += 2) {
      const a = r[i];
      const b = r[i + 1];
      if (b <= s || a >= e) out.push(a, b);
      else {
        if (a < s) out.push(a, s);
        if (b > e) out.push(e, b);
      }
    }
    this.r = out;
  }

  clear(): void {
    this.r = [];
  }

  /** Bytes of [s, e) inside the set. */
  overlap(s: number, e: number): number {
    let n = 0;
    const r = this.r;
    for (let i = 0; i < r.length; i += 2) {
      const a = Math.max(r[i], s);
      const b = Math.min(r[i + 1], e);
      if (b > a) n += b - a;
    }
    return n;
  }

  /** The parts of [s, e) outside the set, in order. */
  *gaps(s: number, e: number): Generator<[number, number]> {
    let cur = s;
    const r = this.r;
    for (let i = 0; i < r.length && cur < e; i += 2) {
      if (r[i + 1] <= cur) continue;
      if (r[i] >= e) break;
      if (r[i] > cur) yield [cur, r[i]];
      cur = Math.max(cur, r[i + 1]);
    }
    if (cur < e) yield [cur, e];
  }

  get total(): number {
    let n = 0;
    for (let i = 0; i < this.r.length; i += 2) n += this.r[i + 1] - this.r[i];
    return n;
  }
}
