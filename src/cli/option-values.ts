// The number, size and time rules an option's values must meet, checked by the parser
// for every command alike, so a value that cannot mean anything (a negative index, a
// column count of 10^23, a time of 'abc') stops with one usage line before any work.
import { type PyNum, pyCompare, toFloat } from '../base/py-num.ts';
import { textToBytes, textToMs, textToNr, textToPercent, textToSec, textToUs } from '../base/units.ts';

export type ValueRule =
  /** A whole number (argparse's type=int; `1,000` too) within [min, max]. */
  | { kind: 'int'; min?: number; max?: number }
  /** Any finite number within [min, max]; `above`: strictly greater than that. */
  | { kind: 'number'; min?: number; max?: number; above?: number }
  /** A percent (50, 50%), within [min, max]. */
  | { kind: 'percent'; min?: number; max?: number }
  /** Bytes as upstream reads them (4KiB, 1,024), within [min, max]. */
  | { kind: 'size'; min?: number; max?: number }
  /** A time (3, 3s, 500ms) read in `unit` when bare, within [min, max] or `above`. */
  | { kind: 'time'; unit: 'us' | 'ms' | 's'; min?: number; max?: number; above?: number };

/**
 * A start, stop or step of a range() of percentiles: percentiles lie in [0, 100], so
 * beyond a thousand nothing is left to show, only memory to run out of.
 */
export const PERCENTILE_RANGE_ARG: ValueRule = { kind: 'int', min: -1000, max: 1000 };

const TIME_READERS = { us: textToUs, ms: textToMs, s: textToSec };
const TIME_UNIT_NAMES = { us: 'microseconds', ms: 'milliseconds', s: 'seconds' };
const KIND_NAMES = { int: 'a whole number', number: 'a number', percent: 'a percent', size: 'a size (e.g. 4096, 4KiB)', time: 'a time' };

function read(rule: ValueRule, text: string): PyNum | undefined {
  try {
    switch (rule.kind) {
      case 'int': {
        const v = textToNr(text);
        return typeof v === 'bigint' ? v : undefined;
      }
      case 'number':
        return textToNr(text);
      case 'percent':
        return textToPercent(text);
      case 'size':
        return textToBytes(text);
      case 'time':
        return TIME_READERS[rule.unit](text);
    }
  } catch {
    return undefined;
  }
}

function describe(rule: ValueRule): string {
  const what = rule.kind === 'time' ? `a time (bare numbers are ${TIME_UNIT_NAMES[rule.unit]})` : KIND_NAMES[rule.kind];
  const above = 'above' in rule && rule.above !== undefined ? rule.above : undefined;
  const lo = above !== undefined ? `above ${above}` : rule.min !== undefined ? `${rule.min}` : undefined;
  if (lo !== undefined && rule.max !== undefined) return above !== undefined ? `${what} ${lo} and at most ${rule.max}` : `${what} from ${lo} to ${rule.max}`;
  if (above !== undefined) return `${what} ${lo}`;
  if (rule.min !== undefined) return `${what} of at least ${rule.min}`;
  if (rule.max !== undefined) return `${what} of at most ${rule.max}`;
  return what;
}

/** Why `text` breaks the rule (to follow "argument --x: "), or null when it is fine. */
export function valueProblem(rule: ValueRule, text: string): string | null {
  const v = text.trim() === '' ? undefined : read(rule, text);
  const fine =
    v !== undefined &&
    Number.isFinite(toFloat(v)) &&
    (rule.min === undefined || pyCompare(v, rule.min) >= 0) &&
    (rule.max === undefined || pyCompare(v, rule.max) <= 0) &&
    (!('above' in rule) || rule.above === undefined || pyCompare(v, rule.above) > 0);
  return fine ? null : `'${text}' is not ${describe(rule)}`;
}
