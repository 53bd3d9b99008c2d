// Human-friendly numbers, sizes, times and ratios, formatted and parsed exactly as
// upstream damo's _damo_fmt_str does (spec/reports.md §2, spec/control.md §4).
// Every formatter takes `raw`: upstream's --raw_number machine-friendly form.
import { pyD, pyFixed } from './py-format.ts';
import { type PyNum, ULONG_MAX, pyDiv, pyInt, pySub, toFloat } from './py-num.ts';
import { UserError } from './user-error.ts';

const ULONG_MAX_FLOAT = Number(ULONG_MAX);

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function isNegative(x: PyNum): boolean {
  return typeof x === 'bigint' ? x < 0n : x < 0;
}

function negate(x: PyNum): PyNum {
  return typeof x === 'bigint' ? -x : -x;
}

export function formatNr(n: PyNum, raw = false): string {
  if (raw) return pyD(n);
  if (isNegative(n)) return `-${formatNr(negate(n))}`;
  return groupThousands(pyD(n));
}

/** Binary size units from the largest, as upstream names them. */
export const SIZE_UNITS: readonly (readonly [number, string])[] = [
  [2 ** 60, 'EiB'],
  [2 ** 50, 'PiB'],
  [2 ** 40, 'TiB'],
  [2 ** 30, 'GiB'],
  [2 ** 20, 'MiB'],
  [2 ** 10, 'KiB'],
];

function formatSizeWith(b: PyNum, raw: boolean, digits: number): string {
  if (raw) return pyD(b);
  const f = toFloat(b);
  if (f === ULONG_MAX_FLOAT) return 'max';
  for (const [unit, name] of SIZE_UNITS) {
    if (f > unit) return `${pyFixed(f / unit, digits)} ${name}`;
  }
  return `${pyD(f)} B`;
}

export function formatSz(b: PyNum, raw = false): string {
  return formatSizeWith(b, raw, 3);
}

export function formatSzAccurate(b: PyNum, raw = false): string {
  return formatSizeWith(b, raw, 6);
}

export function formatAddrRange(start: PyNum, end: PyNum, raw = false): string {
  return `[${formatNr(start, raw)}, ${formatNr(end, raw)}) (${formatSz(pySub(end, start), raw)})`;
}

const NS_US = 1000;
const NS_MS = 1000 * NS_US;
const NS_S = 1000 * NS_MS;
const NS_M = 60 * NS_S;
const NS_H = 60 * NS_M;
const NS_D = 24 * NS_H;

export function formatTimeNs(t: PyNum, raw = false): string {
  if (raw) return pyD(t);
  return compactTime(toFloat(t));
}

function compactTime(t: number): string {
  if (t < 0) return `-${compactTime(-t)}`;
  if (t >= ULONG_MAX_FLOAT) return 'max';
  if (t >= NS_H) {
    const hour = Math.trunc(t / NS_H);
    const text = `${hour} h`;
    const rest = t - hour * NS_H;
    return rest === 0 ? text : `${text} ${compactTime(rest)}`;
  }
  if (t >= NS_M) {
    const minutes = pyD(t / NS_M);
    if (t % NS_M === 0) return `${minutes} m`;
    if (t % NS_S === 0) return `${minutes} m ${pyD((t % NS_M) / NS_S)} s`;
    return `${minutes} m ${pyFixed((t % NS_M) / NS_S, 3)} s`;
  }
  for (const [unit, name] of [
    [NS_S, 's'],
    [NS_MS, 'ms'],
    [NS_US, 'us'],
  ] as const) {
    if (t >= unit) return t % unit === 0 ? `${pyD(t / unit)} ${name}` : `${pyFixed(t / unit, 3)} ${name}`;
  }
  return `${pyD(t)} ns`;
}

export function formatTimeUs(us: PyNum, raw = false): string {
  return raw ? pyD(us) : compactTime(toFloat(us) * 1000);
}

export function formatTimeMs(ms: PyNum, raw = false): string {
  return raw ? pyD(ms) : compactTime(toFloat(ms) * 1e6);
}

export function formatTimeSec(sec: PyNum, raw = false): string {
  return raw ? pyD(sec) : compactTime(toFloat(sec) * 1e9);
}

const EXACT_UNITS: [bigint, string][] = [
  [BigInt(NS_D), 'd'],
  [BigInt(NS_H), 'h'],
  [BigInt(NS_M), 'm'],
  [BigInt(NS_S), 's'],
  [BigInt(NS_MS), 'ms'],
  [BigInt(NS_US), 'us'],
  [1n, 'ns'],
];

export function formatTimeNsExact(t: PyNum, raw = false): string {
  if (raw) return pyD(t);
  return exactTime(t);
}

function exactTime(t: PyNum): string {
  if (toFloat(t) >= ULONG_MAX_FLOAT && (typeof t !== 'bigint' || t >= ULONG_MAX)) return 'max';
  if (isNegative(t)) return `-${exactTime(negate(t))}`;
  if (toFloat(t) === 0) return '0 ns';
  for (const [unit, name] of EXACT_UNITS) {
    if (toFloat(t) < Number(unit)) continue;
    if (unit === 1n && typeof t === 'number' && !Number.isInteger(t)) return `${pyFixed(t, 3)} ns`;
    const count = pyInt(pyDiv(t, unit));
    const text = `${formatNr(count)} ${name}`;
    const rest = typeof t === 'bigint' ? t - count * unit : t - Number(count) * Number(unit);
    return toFloat(rest) === 0 ? text : `${text} ${exactTime(rest)}`;
  }
  return `${pyFixed(toFloat(t), 3)} ns`;
}

export function formatTimeUsExact(us: PyNum, raw = false): string {
  const ns = typeof us === 'bigint' ? us * 1000n : us * 1000;
  return raw ? pyD(ns) : exactTime(ns);
}

export function formatTimeMsExact(ms: PyNum, raw = false): string {
  const ns = typeof ms === 'bigint' ? ms * 1000000n : ms * 1e6;
  return raw ? pyD(ns) : exactTime(ns);
}

export function formatHz(hz: number, raw = false, noSuffix = false): string {
  const suffix = noSuffix ? '' : ' hz';
  if (raw) return pyFixed(hz, 6);
  if (hz < 10 && hz !== 0) return `${pyFixed(hz, 3)}${suffix}`;
  return `${formatNr(hz)}${suffix}`;
}

/** Python's float `%`: the result takes the divisor's sign. */
export function pyMod(a: number, b: number): number {
  const m = a % b;
  return m !== 0 && b < 0 !== m < 0 ? m + b : m;
}

export function formatRatio(r: number, raw = false): string {
  if (raw) return pyFixed(r, 6);
  const over = Math.trunc(r * 100);
  const under = pyMod(r * 100, 1);
  const u = pyFixed(under, 7).replace(/0+$/, '').slice(2);
  return u === '' ? `${formatNr(over)} %` : `${formatNr(over)}.${u} %`;
}

export function formatPercent(p: number, raw = false): string {
  return raw ? pyFixed(p, 6) : formatRatio(p / 100);
}

export function formatPermil(p: number, raw = false): string {
  return raw ? pyFixed(p, 6) : formatRatio(p / 1000);
}

export function formatBp(bp: number, raw = false): string {
  return raw ? pyFixed(bp, 6) : formatRatio(bp / 10000);
}

export function indentLines(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

// ---- parsing -------------------------------------------------------------

/** A number as Python's int() or float() would read it (after commas are removed). */
function parsePyNumber(text: string): PyNum | undefined {
  const s = text.trim();
  if (/^[+-]?\d+(_\d+)*$/.test(s)) return BigInt(s.replace(/_/g, ''));
  // Python's float() also reads 'nan', 'inf' and overflows to inf; no damo value can be
  // one of those (a size, time or count), so they are not numbers here.
  if (/^[+-]?((\d+\.?\d*)|(\.\d+))([eE][+-]?\d+)?$/.test(s)) {
    const v = Number(s);
    return Number.isFinite(v) ? v : undefined;
  }
  return undefined;
}

function minMaxOrNumber(text: string): PyNum | undefined {
  if (text === 'min') return 0n;
  if (text === 'max') return ULONG_MAX;
  return parsePyNumber(text.replace(/,/g, ''));
}

function bad(kind: string, text: string): UserError {
  return new UserError(`cannot read '${text}' as ${kind}`);
}

export function textToNr(text: string): PyNum {
  const v = minMaxOrNumber(text);
  if (v === undefined) throw bad('a number', text);
  return v;
}

const BYTE_UNITS: Record<string, bigint> = { B: 1n };
['K', 'M', 'G', 'T', 'P', 'E'].forEach((p, i) => {
  const v = 1n << BigInt(10 * (i + 1));
  BYTE_UNITS[p] = v;
  BYTE_UNITS[`${p}B`] = v;
  BYTE_UNITS[`${p}iB`] = v;
});

function capULong(v: bigint): bigint {
  return v > ULONG_MAX ? ULONG_MAX : v;
}

/** Bytes; K, KB and KiB are all 1024 as upstream reads them. */
export function textToBytes(text: string): bigint {
  const plain = minMaxOrNumber(text);
  if (plain !== undefined) return capULong(pyInt(plain));
  for (const len of [3, 2, 1]) {
    const unit = BYTE_UNITS[text.slice(-len)];
    if (unit === undefined || text.length <= len) continue;
    const num = parsePyNumber(text.slice(0, -len).replace(/,/g, ''));
    if (num === undefined) break;
    const value = typeof num === 'bigint' ? num * unit : pyInt(num * Number(unit));
    return capULong(value);
  }
  throw bad('a size', text);
}

const TIME_UNITS_NS: Record<string, number> = {
  ns: 1,
  us: NS_US,
  ms: NS_MS,
  s: NS_S,
  m: NS_M,
  h: NS_H,
  d: NS_D,
};

/** Nanoseconds; '1 m 30 s' sums its pairs, a bare number is already nanoseconds. */
export function textToNs(text: string): PyNum {
  const plain = minMaxOrNumber(text);
  if (plain !== undefined) return plain;
  const fields = text.trim().split(/\s+/);
  if (fields.length > 1) {
    if (fields.length % 2 !== 0) throw bad('a time', text);
    let sum: PyNum = 0;
    for (let i = 0; i < fields.length; i += 2) sum = toFloat(sum) + toFloat(textToNs(fields[i] + fields[i + 1]));
    return sum;
  }
  const s = fields[0] ?? '';
  for (const len of [2, 1]) {
    const unit = s.slice(-len);
    if (!(unit in TIME_UNITS_NS) || s.length <= len) continue;
    if (len === 1 && /[nmu]s$/.test(s)) continue;
    const num = parsePyNumber(s.slice(0, -len).replace(/,/g, ''));
    if (num === undefined) break;
    return toFloat(num) * TIME_UNITS_NS[unit];
  }
  throw bad('a time', text);
}

function scaledTime(text: string, divisor: number): PyNum {
  const plain = minMaxOrNumber(text);
  if (plain !== undefined) return plain;
  return toFloat(textToNs(text)) / divisor;
}

export function textToUs(text: string): PyNum {
  return scaledTime(text, NS_US);
}

export function textToMs(text: string): PyNum {
  return scaledTime(text, NS_MS);
}

export function textToSec(text: string): PyNum {
  return scaledTime(text, NS_S);
}

function ratioScaled(text: string, scale: number): PyNum {
  const s = text.trim();
  if (s.endsWith('%')) {
    const num = parsePyNumber(s.slice(0, -1).replace(/,/g, ''));
    if (num === undefined) throw bad('a ratio', text);
    return (toFloat(num) / 100) * scale;
  }
  const plain = minMaxOrNumber(s);
  if (plain === undefined) throw bad('a ratio', text);
  return plain;
}

export function textToRatio(text: string): PyNum {
  const s = text.trim();
  if (s.endsWith('%')) return ratioScaled(s, 1);
  return textToNr(s);
}

export function textToPercent(text: string): PyNum {
  return ratioScaled(text, 100);
}

export function textToPermil(text: string): PyNum {
  return ratioScaled(text, 1000);
}

export function textToBp(text: string): PyNum {
  return ratioScaled(text, 10000);
}

export function textToBool(text: string): boolean {
  const s = text.trim().toLowerCase();
  if (['y', 'yes', 'true'].includes(s)) return true;
  if (['n', 'no', 'false'].includes(s)) return false;
  throw bad('a yes/no value', text);
}
