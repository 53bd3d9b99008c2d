// Python arithmetic the heatmap needs beyond src/base/py-num.ts: floor division,
// min/max that keep the winning operand's int/float kind (spec/reports.md §7.4).
import { type PyNum, pyCompare, toFloat } from '../../base/py-num.ts';

/** Python `a // b`: floors toward minus infinity; a float when either side is one. */
export function pyFloorDiv(a: PyNum, b: PyNum): PyNum {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) throw new RangeError('integer division by zero');
    const q = a / b;
    return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
  }
  const x = toFloat(a);
  const y = toFloat(b);
  if (y === 0) throw new RangeError('float floor division by zero');
  // CPython's float_floor_div: derive the quotient from fmod so it stays exact.
  const mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0 && y < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0 * (x / y); // keeps the sign of zero, as CPython does
  const floored = Math.floor(div);
  return div - floored > 0.5 ? floored + 1 : floored;
}

/** Python min(a, b): b only when strictly smaller, so ties keep a. */
export function pyMin(a: PyNum, b: PyNum): PyNum {
  return pyCompare(b, a) < 0 ? b : a;
}

/** Python max(a, b): b only when strictly larger. */
export function pyMax(a: PyNum, b: PyNum): PyNum {
  return pyCompare(b, a) > 0 ? b : a;
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

/** Python's true division `/`, correctly rounded for two ints. */
export function pyTrueDiv(a: PyNum, b: PyNum): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return exactIntDiv(a, b);
  return toFloat(a) / toFloat(b);
}
