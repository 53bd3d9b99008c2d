// pyJsonDumps: the one writer of Python json.dumps(indent=4) text (records, parameters,
// report access --json, side files).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pyJsonDumps, pyJsonString } from '../../src/base/py-json.ts';

test('JSON dump follows Python json.dumps(indent=4)', () => {
  assert.equal(pyJsonDumps([]), '[]');
  assert.equal(pyJsonDumps({}), '{}');
  assert.equal(pyJsonDumps({ a: [1n, 2.5, null], b: {}, c: 'é"' }), '{\n    "a": [\n        1,\n        2.5,\n        null\n    ],\n    "b": {},\n    "c": "\\u00e9\\""\n}');
});

test('bigint is a Python int, number a Python float (repr), booleans and specials as Python writes them', () => {
  assert.equal(pyJsonDumps([5n, 5, 0.1, 1e22, true, false]), '[\n    5,\n    5.0,\n    0.1,\n    1e+22,\n    true,\n    false\n]');
  assert.equal(pyJsonDumps([NaN, Infinity, -Infinity]), '[\n    NaN,\n    Infinity,\n    -Infinity\n]');
  assert.equal(pyJsonDumps(18446744073709551615n), '18446744073709551615');
});

test('strings: ensure_ascii escapes, short forms for the usual controls, DEL and surrogates as \\u', () => {
  assert.equal(pyJsonString('a\\b"\n\r\t\b\f'), '"a\\\\b\\"\\n\\r\\t\\b\\f"');
  assert.equal(pyJsonString('\u0001\u001f\u007f~ '), '"\\u0001\\u001f\\u007f~ "');
  assert.equal(pyJsonString('\u{1f600}'), '"\\ud83d\\ude00"');
  assert.equal(pyJsonDumps({ 'ké': 'x' }), '{\n    "k\\u00e9": "x"\n}');
});

test('level starts the nesting deeper, as a streaming writer needs', () => {
  assert.equal(pyJsonDumps({ a: [1n] }, 2), '{\n            "a": [\n                1\n            ]\n        }');
});
