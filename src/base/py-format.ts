// Python's printf-style number formatting ('%d', '%.Nf', '%s' of a float), which
// upstream's text outputs are made of. JS differs on ties ('%.3f' % 1.0625 is
// '1.062' in Python, toFixed gives '1.063') and on float repr, so both are done here.
import { type PyNum, pyInt } from './py-num.ts';

/** Python '%d' % x: floats truncate toward zero, ints print exactly. */
export function pyD(x: PyNum): string {
  return pyInt(x).toString();
}

/** Python '%.<digits>f' % x, correctly rounded half-to-even on the exact binary value. */
export function pyFixed(x: PyNum, digits: number): string {
  if (typeof x === 'bigint') return digits > 0 ? `${x}.${'0'.repeat(digits)}` : `${x}`;
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let body: string;
  if (a < 1e21) {
    const scaled = a * 10 ** digits;
    const frac = scaled - Math.floor(scaled);
    // toFixed rounds the exact value correctly except on exact ties, where it
    // rounds up and Python rounds to even; only near-ties need the slow path.
    body = Math.abs(frac - 0.5) > 1e-6 ? a.toFixed(digits) : exactFixed(a, digits);
  } else {
    body = exactFixed(a, digits);
  }
  return neg ? `-${body}` : body;
}

/** Exact decimal rounding of a non-negative finite double, half to even. */
function exactFixed(a: number, digits: number): string {
  const { mantissa, exponent } = decompose(a);
  let scaled: bigint; // a * 10^digits, as an exact rational scaledNum / 2^shift
  let shift = 0n;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * 10n ** BigInt(digits);
  } else {
    scaled = mantissa * 10n ** BigInt(digits);
    shift = BigInt(-exponent);
  }
  let q = scaled >> shift;
  if (shift > 0n) {
    const r = scaled - (q << shift);
    const half = 1n << (shift - 1n);
    if (r > half || (r === half && (q & 1n) === 1n)) q += 1n;
  }
  let s = q.toString();
  if (digits === 0) return s;
  s = s.padStart(digits + 1, '0');
  return `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
}

function decompose(a: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  return { mantissa, exponent };
}

/** Python repr() of a float: shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let body: string;
  if (exp >= -4 && exp < 16) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const fracPart = digits.slice(exp + 1);
      body = `${intPart}.${fracPart || '0'}`;
    } else {
      body = `0.${'0'.repeat(-exp - 1)}${digits}`;
    }
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    body = `${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  return neg ? `-${body}` : body;
}

/** Python '%s' % x: ints exactly, floats by repr, None as 'None'. */
export function pyStr(x: PyNum | null | undefined): string {
  if (x === null || x === undefined) return 'None';
  return typeof x === 'bigint' ? x.toString() : pyFloatRepr(x);
}
