// The streaming JSON parser against JSON.parse on assorted documents, split at every
// possible chunk boundary; integers must come out exact (bigint), floats as numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type JsonValue, JsonStreamParser, JsonSyntaxError, parseJsonBytes } from '../../src/formats/json-stream-parser.ts';

/** JSON.parse with integer literals as bigint, for comparison (only for texts whose ints fit doubles). */
function reference(text: string): unknown {
  return JSON.parse(text, function (this: unknown, _k: string, v: unknown, ctx?: { source?: string }) {
    if (typeof v === 'number' && ctx?.source !== undefined) return /^-?\d+$/.test(ctx.source) ? BigInt(ctx.source) : v;
    return v;
  });
}

function parseInChunks(bytes: Buffer, size: number): JsonValue | undefined {
  const p = new JsonStreamParser();
  for (let i = 0; i < bytes.length; i += size) p.write(bytes.subarray(i, i + size));
  return p.end();
}

const DOCS = [
  '[]',
  '{}',
  ' [1, -2, 3.5, -0.25, 1e3, 2E-2, 0, -0, true, false, null] ',
  '{"a": {"b": [[], {}, [{}]]}, "c": "d"}',
  '"esc \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00"',
  '["caf\u00e9", "\u4e2d\u6587", "plain"]',
  '[\n    {\n        "start": "94,827,419,009,024",\n        "n": 12\n    }\n]',
];

test('documents parse like JSON.parse, in any chunking', () => {
  for (const doc of DOCS) {
    const bytes = Buffer.from(doc, 'utf8');
    const ref = reference(doc);
    // Node 20 lacks JSON.parse source access: compare ints by value instead there
    const norm = (v: unknown): unknown =>
      typeof v === 'bigint' ? Number(v) : v === 0 ? 0 : Array.isArray(v) ? v.map(norm) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)])) : v;
    for (let size = 1; size <= bytes.length; size++) {
      const got = parseInChunks(bytes, size);
      assert.deepEqual(norm(got), norm(ref), `${doc} in ${size}-byte chunks`);
    }
  }
});

test('integers are exact bigints, other numbers floats', () => {
  const v = parseJsonBytes(Buffer.from('[18446623435582458880, 1745091985873302272, 5, 5.0, -7, 1e2]')) as JsonValue[];
  assert.deepEqual(v, [18446623435582458880n, 1745091985873302272n, 5n, 5, -7n, 100]);
});

test('syntax errors say what and where', () => {
  const cases: [string, RegExp][] = [
    ['', /no JSON value/],
    ['[1, 2', /unexpected end of data/],
    ['[1 2]', /expected ',' or '\]' but found '2' at line 1 column 4/],
    ['{"a" 1}', /expected ':' but found '1'/],
    ['{1: 2}', /expected a quoted key but found '1'/],
    ['[01]', /bad number '01'/],
    ['[tru]', /unexpected 't'/],
    ['[1]]', /extra data after the JSON value: '\]'/],
    ['["a\nb"]', /control character in a string at line 1/],
    ['["\\x"]', /bad escape in a string/],
    ['[\n\n  @]', /expected a value but found '@' at line 3 column 3/],
  ];
  for (const [text, re] of cases) {
    for (const size of [1, 1000]) {
      assert.throws(() => parseInChunks(Buffer.from(text), size), (e: Error) => e instanceof JsonSyntaxError && re.test(e.message), `${JSON.stringify(text)} / ${size}`);
    }
  }
});

test('streamed arrays hand over their items and keep nothing', () => {
  const items: [string, JsonValue][] = [];
  const opened: string[] = [];
  const p = new JsonStreamParser({
    isStreamed: (path) => path.length === 0 || (path.length === 2 && path[1] === 's'),
    onOpen: (path, parent) => opened.push(`${path.join('.')} ${parent ? Object.keys(parent).join(',') : '-'}`),
    onItem: (path, v) => items.push([path.join('.'), v]),
  });
  p.write(Buffer.from('[{"k": 1, "s": [{"x": 1}, 2], "after": true}, {"s": []}]'));
  assert.equal(p.end(), undefined);
  assert.deepEqual(opened, [' -', '0.s k', '1.s ']);
  assert.deepEqual(items.map(([path]) => path), ['0.s', '0.s', '', '']);
  assert.deepEqual({ ...(items[0][1] as object) }, { x: 1n });
  assert.deepEqual({ ...(items[2][1] as object) }, { k: 1n, s: [], after: true }); // the streamed list stays empty
  assert.deepEqual({ ...(items[3][1] as object) }, { s: [] });
});
