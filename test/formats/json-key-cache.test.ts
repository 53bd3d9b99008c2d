// The JSON parser's key string cache: keys whose bytes hash alike stay apart, and
// many distinct keys (beyond the cache's size) still read right.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonBytes } from '../../src/formats/json-stream-parser.ts';

test('keys with colliding hashes ("Aa", "BB") keep their own text', () => {
  const v = parseJsonBytes(Buffer.from('[{"Aa": 1, "BB": 2}, {"BB": 3, "Aa": 4}, {"Aa": 5}]')) as Record<string, bigint>[];
  assert.deepEqual(
    v.map((o) => Object.entries(o)),
    [
      [['Aa', 1n], ['BB', 2n]],
      [['BB', 3n], ['Aa', 4n]],
      [['Aa', 5n]],
    ],
  );
});

test('more distinct keys than the cache holds, long keys, escaped and non-ASCII keys', () => {
  const keys = Array.from({ length: 10000 }, (_, i) => `k${i}`);
  keys.push('x'.repeat(40), 'caf\u00e9', 'a\\"b');
  const text = `{${keys.map((k, i) => `"${k}": ${i}`).join(', ')}, "k1": -1}`;
  const v = parseJsonBytes(Buffer.from(text)) as Record<string, bigint>;
  const expected = Object.fromEntries(keys.map((k, i) => [k === 'a\\"b' ? 'a"b' : k, BigInt(i)]));
  expected.k1 = -1n;
  assert.deepEqual({ ...v }, expected);
});
