// Python arithmetic the heatmap needs beyond src/base/py-num.ts: floor division,
// min/max that keep the winning operand's int/float kind (spec/reports.md §7.4).
import { type PyNum, pyCompare, pyDiv, toFloat } from '../../base/py-num.ts';

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

/** Python's true division `/`, correctly rounded for two ints. */
export function pyTrueDiv(a: PyNum, b: PyNum): number {
  return pyDiv(a, b);
}
