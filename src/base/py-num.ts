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

/** Python's true division `/`: always a float, correctly rounded for two ints. */
export function pyDiv(a: PyNum, b: PyNum): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return exactIntDiv(a, b);
  return toFloat(a) / toFloat(b);
}

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** Python int / int: the correctly rounded quotient, also beyond 2^53. */
export function exactIntDiv(a: bigint, b: bigint): number {
  if (b === 0n) throw new RangeError('division by zero');
  const neg = a < 0n !== b < 0n;
  let n = a < 0n ? -a : a;
  let d = b < 0n ? -b : b;
  if (n === 0n) return neg ? -0 : 0;
  const lim = 1n << 53n;
  // both exact as doubles: IEEE division rounds the exact quotient once
  if (n <= lim && d <= lim) return (neg ? -1 : 1) * (Number(n) / Number(d));
  // Scale so the integer quotient has 54-55 bits, then round it to 53 bits half-even.
  const shift = 54 - (bitLength(n) - bitLength(d));
  if (shift >= 0) n <<= BigInt(shift);
  else d <<= BigInt(-shift);
  const q = n / d;
  const sticky = n % d !== 0n;
  const extra = BigInt(bitLength(q) - 53);
  let m = q >> extra;
  const rest = q & ((1n << extra) - 1n);
  const half = 1n << (extra - 1n);
  if (rest > half || (rest === half && (sticky || (m & 1n) === 1n))) m += 1n;
  const v = Number(m) * 2 ** (Number(extra) - shift);
  return neg ? -v : v;
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
