// --raw_form (spec/records.md §3.8) and --json (spec/reports.md §6.11) on a small record.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordsJsonText } from '../../../src/report/access/json-output.ts';
import { rawFormText } from '../../../src/report/access/raw-form.ts';
import { NO_RECORD_FILTERS, filterRecords } from '../../../src/report/record-filters.ts';
import { record, region, snapshot, threeRegionRecord } from './build-record.ts';

function noIntervalsRecord() {
  return record(
    [
      snapshot(1_500_000_000n, 1_600_000_000n, [region([0x1000, 0x3000, 2, null]), region([0x3000, 0x103000, 0, null])]),
      snapshot(1_600_000_000n, 1_700_500_000n, [region([0x1000, 0x103000, 1, null])]),
    ],
    null,
  );
}

test('raw form: base time, per-snapshot header, hex ranges, -1 for unknown ages, closing blank line', () => {
  assert.equal(
    rawFormText([noIntervalsRecord()], false),
    [
      'base_time_absolute: 1.500 s',
      'data source: unknown',
      '',
      'monitoring_start:                0 ns',
      'monitoring_end:                100 ms',
      'monitoring_duration:           100 ms',
      'target_id: 42',
      'nr_regions: 2',
      '# start_addr     end_addr        length  nr_accesses   age',
      '000000001000-000000003000 (   8.000 KiB)           2    -1',
      '000000003000-000000103000 (1024.000 KiB)           0    -1',
      '',
      'monitoring_start:              100 ms',
      'monitoring_end:            200.500 ms',
      'monitoring_duration:       100.500 ms',
      'target_id: 42',
      'nr_regions: 1',
      '# start_addr     end_addr        length  nr_accesses   age',
      '000000001000-000000103000 (   1.008 MiB)           1    -1',
      '',
      '',
    ].join('\n'),
  );
});

test('raw form with raw numbers, and ages once intervals are known', () => {
  const [rec] = filterRecords([threeRegionRecord()], NO_RECORD_FILTERS);
  const lines = rawFormText([rec], true).split('\n');
  assert.deepEqual(lines.slice(0, 1), ['base_time_absolute: 0']);
  // Every value is right-aligned in 16 columns after the 21-column label.
  assert.equal(lines[4], `monitoring_end:      ${' '.repeat(7)}100000000`);
  assert.equal(lines[9], '000000001000-000000003000 (        8192)          10     3');
});

test('--json: human record fields by default, raw ones with --raw_number; regions always human', () => {
  const [rec] = filterRecords([threeRegionRecord()], NO_RECORD_FILTERS);
  const human = JSON.parse(recordsJsonText([rec], false));
  assert.deepEqual(human[0].intervals, {
    sample_us: '5 ms',
    aggr_us: '100 ms',
    ops_update_us: '1 s',
    intervals_goal: { access_bp: '0 %', aggrs: '0', min_sample_us: '0 ns', max_sample_us: '0 ns' },
  });
  assert.equal(human[0].snapshots[0].end_time, '100 ms');
  assert.equal(human[0].snapshots[0].total_bytes, '28.000 KiB');
  const raw = JSON.parse(recordsJsonText([rec], true));
  assert.equal(raw[0].intervals.sample_us, '5000');
  assert.equal(raw[0].snapshots[0].end_time, '100000000');
  assert.deepEqual(raw[0].snapshots[0].regions[0], {
    start: '4,096',
    end: '12,288',
    nr_accesses: { samples: 10, percent: 50 },
    age: { usec: '300 ms', aggr_intervals: '3' },
    probe_hits: [],
    sz_filter_passed: '0 B',
  });
  assert.equal(raw[0].target_id, 42);
});
