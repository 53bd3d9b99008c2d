// The fast path of kvToSnapshot for regions in upstream's usual layout must give
// exactly what the general reader kvToRegion gives, and leave every unusual form
// (and every error) to it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject, JsonValue } from '../../src/formats/json-stream-parser.ts';
import { kvToRegion, kvToSnapshot } from '../../src/formats/kv-to-record.ts';

function obj(o: Record<string, JsonValue>): JsonObject {
  return Object.assign(Object.create(null) as JsonObject, o);
}

function region(over: Record<string, JsonValue>, drop: string[] = []): JsonObject {
  const r: Record<string, JsonValue> = {
    start: '4,294,967,296',
    end: '4,365,594,624',
    nr_accesses: obj({ samples: 3n, percent: null }),
    age: obj({ usec: null, aggr_intervals: '77' }),
    probe_hits: [],
    sz_filter_passed: '0 B',
    ...over,
  };
  for (const k of drop) delete r[k];
  return obj(r);
}

const forms: [string, JsonObject][] = [
  ['usual', region({})],
  ['json ints', region({ start: 4096n, end: 8192n, sz_filter_passed: 10n })],
  ['no commas, leading zeros', region({ start: '0004096', end: '8192' })],
  ['beyond 2^53', region({ start: '18,446,744,073,709,547,520', end: '18446744073709551615' })],
  ['15 and 16 digits', region({ start: '999,999,999,999,999', end: '9,999,999,999,999,999' })],
  ['float samples, string percent', region({ nr_accesses: obj({ samples: 2.5, percent: '40' }) })],
  ['samples as text with unit', region({ nr_accesses: obj({ samples: '1,000', percent: null }) })],
  ['human address', region({ start: '4 GiB' })],
  ['bad commas', region({ start: '4,29,967,296' })],
  ['trailing comma', region({ end: '4,365,594,' })],
  ['empty text', region({ start: '' })],
  ['age in time text', region({ age: obj({ usec: '1 s 500 ms', aggr_intervals: null }) })],
  ['age float', region({ age: obj({ usec: 1.5, aggr_intervals: 3n }) })],
  ['age missing usec', region({ age: obj({ aggr_intervals: '3' }) })],
  ['no age', region({}, ['age'])],
  ['no access info', region({ nr_accesses: null }, ['age'])],
  ['probe hits', region({ probe_hits: ['1', 2n] })],
  ['no probe hits key', region({}, ['probe_hits'])],
  ['size text', region({ sz_filter_passed: '4.000 KiB' })],
  ['size null', region({ sz_filter_passed: null })],
  ['no size key', region({}, ['sz_filter_passed'])],
  ['start missing', region({}, ['start'])],
  ['not an object', [] as unknown as JsonObject],
  ['nr_accesses a list', region({ nr_accesses: [] })],
];

function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).message.replace(/^snapshots\[0\]\.regions\[0\]/, 'R') };
  }
}

for (const [name, r] of forms) {
  test(`fast region path agrees with the general reader: ${name}`, () => {
    const viaSnapshot = outcome(() => kvToSnapshot(obj({ start_time: 0n, end_time: 1n, regions: [r] }), 'snapshots[0]').regions[0]);
    const general = outcome(() => kvToRegion(r, 'R'));
    assert.deepEqual(viaSnapshot, general);
  });
}
