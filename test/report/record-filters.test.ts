// The shared record filters (spec/reports.md §5.4) on the three-region record:
// A [4 KiB, 12 KiB) 50 % age 300 ms, B [12 KiB, 28 KiB) 0 % age 500 ms, C [28 KiB, 32 KiB) 100 % age 0.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../src/base/user-error.ts';
import { filterRecords, recordFilterOptionsFromArgs } from '../../src/report/record-filters.ts';
import { record, threeRegionRecord } from './access/build-record.ts';

function kept(args: Parameters<typeof recordFilterOptionsFromArgs>[0], rec = threeRegionRecord()) {
  const [out] = filterRecords([rec], recordFilterOptionsFromArgs(args));
  return out.snapshots.map((s) => ({
    pages: s.regions.map((r) => [Number(r.start) / 4096, Number(r.end) / 4096]),
    total: s.totalBytes,
  }));
}

test('no filter keeps everything and fills in percent and age in microseconds', () => {
  const src = threeRegionRecord();
  const [out] = filterRecords([src], recordFilterOptionsFromArgs({}));
  const r = out.snapshots[0].regions;
  assert.deepEqual(r.map((x) => x.nrAccesses?.percent), [50, 0, 100]);
  assert.deepEqual(r.map((x) => x.age?.usec), [300000n, 500000n, 0n]);
  // The input record is left as it was.
  assert.equal(src.snapshots[0].regions[0].nrAccesses?.percent, null);
});

test('size, access rate and age ranges are inclusive; a bare age is in microseconds', () => {
  assert.deepEqual(kept({ sz_region: ['8KiB', '16K'] })[0].pages, [[1, 3], [3, 7]]);
  assert.deepEqual(kept({ access_rate: ['50', '100%'] })[0].pages, [[1, 3], [7, 8]]);
  assert.deepEqual(kept({ age: ['300000', 'max'] })[0].pages, [[1, 3], [3, 7]]);
  assert.deepEqual(kept({ age: ['1', '300'] })[0].pages, []);
  assert.deepEqual(kept({ age: ['400ms', '1s'] })[0].pages, [[3, 7]]);
  // The access-pattern filter leaves the stored total alone.
  assert.equal(kept({ age: ['400ms', '1s'] })[0].total, 32768n - 4096n);
});

test('without intervals only the size range applies', () => {
  const rec = record(threeRegionRecord().snapshots, null);
  assert.deepEqual(kept({ access_rate: ['60', '70'], age: ['1s', '2s'] }, rec)[0].pages, [[1, 3], [3, 7], [7, 8]]);
});

test('address ranges clip regions and recompute the total', () => {
  const [s] = kept({ address: [['8K', '20K']] });
  assert.deepEqual(s.pages, [[2, 3], [3, 5]]);
  assert.equal(s.total, 12288n);
  const [two] = kept({ address: [['28K', '40K'], ['0', '8K']] });
  assert.deepEqual(two.pages, [[1, 2], [7, 8]]);
  assert.throws(() => kept({ address: [['8K', '4K']] }), (e) => e instanceof UserError && /start > end/.test(e.message));
  assert.throws(() => kept({ address: [['0', '8K'], ['4K', '12K']] }), /overlapping range/);
});

test('snapshot size, time and index ranges pick snapshots', () => {
  const rec = threeRegionRecord();
  rec.snapshots.push({ ...rec.snapshots[0], startTime: 100_000_000n, endTime: 200_000_000n, totalBytes: 4096n });
  assert.equal(kept({ sz_snapshot: [['0', '4K']] }, rec).length, 1);
  assert.equal(kept({ snapshot_time: [['100ms', 'max']] }, rec)[0].total, 4096n);
  assert.equal(kept({ snapshot_idx: [['0', '0'], ['1', '1']] }, rec).length, 2);
  assert.equal(kept({ snapshot_idx: [['1', '5']] }, rec)[0].total, 4096n);
});

test('temperature ranges keep matching regions and recompute the total', () => {
  const [s] = kept({ temperature: [['-1', '20000']] });
  assert.deepEqual(s.pages, [[7, 8]]);
  assert.equal(s.total, 4096n);
  assert.throws(() => kept({ temperature: [['1.5', '2']] }), /integers/);
});
