// Python-shaped YAML text for parameter trees: PyYAML's block-style safe_dump with key
// order kept (spec/control.md §1.6, §3.8). Values keep Python's int/float split: bigint
// prints as an int, number as a float. The JSON twin is pyJsonDumps (src/base/py-json.ts).
import YAML from 'yaml';
import type { PyJson } from '../base/py-json.ts';

function toYamlNode(doc: YAML.Document, v: PyJson): unknown {
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
export function dumpPyYaml(v: PyJson): string {
  const doc = new YAML.Document(null, { version: '1.1' });
  doc.contents = toYamlNode(doc, v) as YAML.Document['contents'];
  return doc.toString({ indentSeq: false, singleQuote: true, lineWidth: 0, nullStr: 'null', trueStr: 'true', falseStr: 'false' });
}
