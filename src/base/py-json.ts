// Python's json.dumps(value, indent=4) text layout (ensure_ascii on), which decides the
// bytes of damo's JSON record files (spec/records.md §3.3). bigint is a Python int,
// number a Python float (written with repr, so 5.0 stays "5.0").
import { pyFloatRepr } from './py-format.ts';

export type PyJson = null | boolean | bigint | number | string | PyJson[] | { [key: string]: PyJson };

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A JSON string as Python writes it with ensure_ascii: every char outside ' '..'~' escaped. */
export function pyJsonString(s: string): string {
  return `"${s.replace(/[\\"]|[^\x20-\x7e]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

function pyJsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return pyFloatRepr(x);
}

/** json.dumps(value, indent=4), with the first line at nesting `level` (for streaming). */
export function pyJsonDumps(value: PyJson, level = 0): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return pyJsonFloat(value);
  if (typeof value === 'string') return pyJsonString(value);
  const inner = '\n' + '    '.repeat(level + 1);
  const close = '\n' + '    '.repeat(level);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${inner}${value.map((v) => pyJsonDumps(v, level + 1)).join(',' + inner)}${close}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  return `{${inner}${keys.map((k) => `${pyJsonString(k)}: ${pyJsonDumps(value[k], level + 1)}`).join(',' + inner)}${close}}`;
}
