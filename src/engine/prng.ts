// Seeded pseudo-random numbers for the engine and the simulated workloads, so a run
// is reproducible from its seed (the kernel's damon_rand, spec/damon-core.md §1.7, is not).
// xoshiro128** seeded through splitmix32.

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    return r;
  }

  /** Uniform float in [0, 1) with 53 random bits. */
  float(): number {
    return ((this.u32() >>> 5) * 67108864 + (this.u32() >>> 6)) / 9007199254740992;
  }

  /** Uniform integer in [0, n) for 0 < n <= 2^53. */
  below(n: number): number {
    if (n <= 0x100000000) return n === 0x100000000 ? this.u32() : Math.floor((this.u32() / 0x100000000) * n);
    return Math.floor(this.float() * n);
  }

  /** damon_rand(l, r): uniform integer in [l, r); returns l when r <= l. */
  range(l: number, r: number): number {
    return r > l ? l + this.below(r - l) : l;
  }

  /** A new generator whose sequence is independent of this one's future draws. */
  fork(): Prng {
    return new Prng(this.u32());
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
