// Python's two number kinds, so arithmetic on record values follows upstream exactly:
// bigint is a Python int (exact, unbounded), number is a Python float.
export type PyNum = bigint | number;

export const ULONG_MAX = (1n << 64n) - 1n;

export function toFloat(x: PyNum): number {
  return typeof x === 'bigint' ? Number(x) : x;
}

/** Python int(x): truncation toward zero; NaN/infinity are user errors upstream too. */
export function pyInt(x: PyNum): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isFinite(x)) throw new RangeError(`cannot convert ${x} to an integer`);
  return BigInt(Math.trunc(x));
}

export function pyAdd(a: PyNum, b: PyNum): PyNum {
  return typeof a === 'bigint' && typeof b === 'bigint' ? a + b : toFloat(a) + toFloat(b);
}

export function pySub(a: PyNum, b: PyNum): PyNum {
  return typeof a === 'bigint' && typeof b === 'bigint' ? a - b : toFloat(a) - toFloat(b);
}

export function pyMul(a: PyNum, b: PyNum): PyNum {
  return typeof a === 'bigint' && typeof b === 'bigint' ? a * b : toFloat(a) * toFloat(b);
}

/** Python's true division `/`: always a float. */
export function pyDiv(a: PyNum, b: PyNum): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return bigintTrueDiv(a, b);
  return toFloat(a) / toFloat(b);
}

/** int / int in Python is correctly rounded even beyond 2^53; this is close enough for
 * values that fit doubles and exact for the quotient of exact doubles. */
function bigintTrueDiv(a: bigint, b: bigint): number {
  if (b === 0n) throw new RangeError('division by zero');
  const lim = 1n << 53n;
  const abs = (v: bigint) => (v < 0n ? -v : v);
  if (abs(a) <= lim && abs(b) <= lim) return Number(a) / Number(b);
  const q = a / b;
  const r = a - q * b;
  return Number(q) + Number(r) / Number(b);
}

export function pyCompare(a: PyNum, b: PyNum): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint' && typeof b === 'number') return -compareFloatInt(b, a);
  if (typeof a === 'number' && typeof b === 'bigint') return compareFloatInt(a, b);
  const fa = a as number;
  const fb = b as number;
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** Compares a float with an int exactly, as Python does. */
function compareFloatInt(f: number, i: bigint): number {
  if (Number.isNaN(f)) return 1;
  if (f === Infinity) return 1;
  if (f === -Infinity) return -1;
  const t = BigInt(Math.trunc(f));
  if (t !== i) return t < i ? -1 : 1;
  const frac = f - Math.trunc(f);
  return frac > 0 ? 1 : frac < 0 ? -1 : 0;
}
