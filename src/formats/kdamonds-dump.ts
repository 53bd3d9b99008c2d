// Python-shaped JSON and YAML text for parameter trees: json.dumps(indent=4) and
// PyYAML's block-style safe_dump with key order kept (spec/control.md §1.6, §3.8).
// Values keep Python's int/float split: bigint prints as an int, number as a float.
import YAML from 'yaml';
import { pyFloatRepr } from '../base/py-format.ts';

export type PyValue = string | boolean | null | bigint | number | PyValue[] | { [key: string]: PyValue };

function jsonString(s: string): string {
  // ensure_ascii: everything outside printable ASCII is \u-escaped, as Python does.
  return `"${s.replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, (c) => {
    switch (c) {
      case '"':
        return '\\"';
      case '\\':
        return '\\\\';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\b':
        return '\\b';
      case '\f':
        return '\\f';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  })}"`;
}

function jsonScalar(v: PyValue): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    return pyFloatRepr(v);
  }
  if (typeof v === 'string') return jsonString(v);
  return undefined;
}

/** json.dumps(v, indent=4). */
export function dumpPyJson(v: PyValue, level = 0): string {
  const scalar = jsonScalar(v);
  if (scalar !== undefined) return scalar;
  const pad = ' '.repeat(4 * (level + 1));
  const end = ' '.repeat(4 * level);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => pad + dumpPyJson(x, level + 1)).join(',\n')}\n${end}]`;
  }
  const entries = Object.entries(v as Record<string, PyValue>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${pad}${jsonString(k)}: ${dumpPyJson(x, level + 1)}`).join(',\n')}\n${end}}`;
}

function toYamlNode(doc: YAML.Document, v: PyValue): unknown {
  if (typeof v === 'number') {
    const node = doc.createNode(v) as YAML.Scalar;
    // PyYAML writes floats with a fraction part (1000.0), never as ints.
    if (Number.isInteger(v)) node.minFractionDigits = 1;
    return node;
  }
  if (typeof v === 'bigint') return doc.createNode(Number(v) === Number(v.toString()) && Number.isSafeInteger(Number(v)) ? Number(v) : v);
  if (Array.isArray(v)) {
    const seq = new YAML.YAMLSeq();
    for (const x of v) seq.items.push(toYamlNode(doc, x));
    return seq;
  }
  if (v !== null && typeof v === 'object') {
    const map = new YAML.YAMLMap();
    for (const [k, x] of Object.entries(v)) map.items.push(new YAML.Pair(doc.createNode(k), toYamlNode(doc, x)));
    return map;
  }
  return doc.createNode(v);
}

/** yaml.safe_dump(v, sort_keys=False): block style, sequences not indented under keys. */
export function dumpPyYaml(v: PyValue): string {
  const doc = new YAML.Document(null, { version: '1.1' });
  doc.contents = toYamlNode(doc, v) as YAML.Document['contents'];
  return doc.toString({ indentSeq: false, singleQuote: true, lineWidth: 0, nullStr: 'null', trueStr: 'true', falseStr: 'false' });
}
