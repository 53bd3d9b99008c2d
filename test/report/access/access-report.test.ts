// Whole `report access` texts for a three-region record, with every expected line
// worked out by hand from spec/reports.md §6 (see build-record.ts for the values).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultAccessReportOptions, type AccessReportOptions } from '../../../src/report/access/access-options.ts';
import { accessReportText } from '../../../src/report/access/access-report.ts';
import { NO_RECORD_FILTERS, filterRecords } from '../../../src/report/record-filters.ts';
import { plain, record, threeRegionRecord } from './build-record.ts';

function report(change: (o: AccessReportOptions) => void = () => {}, records = [threeRegionRecord()]): string {
  const opts = defaultAccessReportOptions();
  change(opts);
  return accessReportText(filterRecords(records, NO_RECORD_FILTERS), opts);
}

test('detailed style: heatmap, intervals, padded region lines, totals', () => {
  const text = report((o) => {
    o.heatmap.width = 7;
  });
  // 7 columns of 4 KiB: A A B B B B C; levels over [-50,000,000, 30,005,000] in ninths.
  assert.equal(
    plain(text),
    [
      'heatmap: 9900005',
      '# min/max temperatures: -50,000,000, 30,005,000, column size: 4.000 KiB',
      'intervals: sample 5 ms aggr 100 ms (max access hz 200)',
      '0   addr 4.000 KiB    size 8.000 KiB   access 100 hz age 300 ms       ',
      '1   addr 12.000 KiB   size 16.000 KiB  access 0 hz   age 500 ms       ',
      '2   addr 28.000 KiB   size 4.000 KiB   access 200 hz age 0 ns         ',
      // 163,840 bytes-accesses per 0.1 s = 1.5625 MiB/s, a tie that rounds to even.
      'memory bw estimate: 1.562 MiB per second',
      'total size: 28.000 KiB',
      'record DAMON intervals: sample 5 ms, aggr 100 ms',
    ].join('\n'),
  );
  // Each heatmap cell is colored on its own (gray colorset: level 9 is fg 255).
  assert.ok(text.startsWith('heatmap: \x1b[48;5;232m\x1b[38;5;255m9\x1b[0m\x1b[48;5;232m\x1b[38;5;255m9\x1b[0m'));
});

test('raw numbers everywhere', () => {
  const text = plain(report((o) => {
    o.heatmap.width = 7;
    o.raw = true;
  }));
  assert.equal(
    text,
    [
      'heatmap: 9900005',
      '# min/max temperatures: -50000000, 30005000, column size: 4096',
      'intervals: sample 5000 aggr 100000 (max access hz 200.000000)',
      '0   addr 4096         size 8192        access 100.000000 age 300000       ',
      '1   addr 12288        size 16384       access 0.000000 age 500000       ',
      '2   addr 28672        size 4096        access 200.000000 age 0            ',
      'memory bw estimate: 1638400 per second',
      'total size: 28672',
      'record DAMON intervals: sample 5000, aggr 100000',
    ].join('\n'),
  );
});

test('recency percentiles: accessed regions are idle for 0, B for age + one aggregation', () => {
  const text = report((o) => {
    o.style = 'recency-percentiles';
  });
  assert.equal(
    text,
    [
      '# total recency percentiles',
      '<percentile> <idle time>',
      '  0    0 ns  |                    |',
      '  1    0 ns  |                    |',
      ' 25    0 ns  |                    |',
      ' 50  600 ms  |********************|',
      ' 75  600 ms  |********************|',
      ' 99  600 ms  |********************|',
      '100  600 ms  |********************|',
      'memory bw estimate: 1.562 MiB per second',
      'total size: 28.000 KiB',
      'record DAMON intervals: sample 5 ms, aggr 100 ms',
    ].join('\n'),
  );
});

test('temperature-sz histogram: ten ranges of ceil((max + 1 - min) / 10)', () => {
  const text = report((o) => {
    o.style = 'temperature-sz-hist';
  });
  assert.equal(
    text.split('\n').slice(0, 12).join('\n'),
    [
      '<temperature> <total size>',
      '[-50,000,000, -41,999,499) 16.000 KiB |********************|',
      '[-41,999,499, -33,998,998) 0 B        |                    |',
      '[-33,998,998, -25,998,497) 0 B        |                    |',
      '[-25,998,497, -17,997,996) 0 B        |                    |',
      '[-17,997,996, -9,997,495)  0 B        |                    |',
      '[-9,997,495, -1,996,994)   0 B        |                    |',
      '[-1,996,994, 6,003,507)    4.000 KiB  |******              |',
      '[6,003,507, 14,004,008)    0 B        |                    |',
      '[14,004,008, 22,004,509)   0 B        |                    |',
      '[22,004,509, 30,005,010)   8.000 KiB  |***********         |',
      'memory bw estimate: 1.562 MiB per second',
    ].join('\n'),
  );
});

test('hot style: boxes right-aligned, hottest first', () => {
  const text = plain(report((o) => {
    o.style = 'hot';
    o.heatmap.width = 7;
  }));
  const lines = text.split('\n').slice(3, 6);
  // Box length is log2(age) rescaled to [1, 40] over the ages [0, 500000] us:
  // A log2(300000) = 18.19 of 18.93 -> 38; C age 0 -> 1; B -> 40. Color: access rate over [0, 100] -> 0..9.
  assert.deepEqual(lines, [
    '  |44444444444444444444444444444444444444| 8.000 KiB   access 100 hz 300 ms       ',
    '                                       |9| 4.000 KiB   access 200 hz 0 ns         ',
    '|0000000000000000000000000000000000000000| 16.000 KiB  access 0 hz   500 ms       ',
  ]);
});

test('several records get a head line each, and several snapshots a blank line between them', () => {
  const a = threeRegionRecord();
  const b = threeRegionRecord();
  b.snapshots.push({ ...b.snapshots[0], startTime: 100_000_000n, endTime: 200_000_000n });
  const text = plain(report((o) => {
    o.formatActions = [
      { action: 'set', area: 'snapshot_head', template: '<start time>-<end time>' },
      { action: 'set', area: 'region', template: '' },
      { action: 'set', area: 'snapshot_tail', template: '<number of regions> regions' },
    ];
  }, [a, b]));
  assert.equal(
    text,
    [
      'kdamond None / context None / scheme None / target id 42 / recorded for 100 ms from 0 ns',
      '0 ns-100 ms',
      '3 regions',
      'record DAMON intervals: sample 5 ms, aggr 100 ms',
      'kdamond None / context None / scheme None / target id 42 / recorded for 200 ms from 0 ns',
      '0 ns-100 ms',
      '3 regions',
      '',
      '100 ms-200 ms',
      '3 regions',
      'record DAMON intervals: sample 5 ms, aggr 100 ms',
    ].join('\n'),
  );
});

test('--total_sz_only: one total per snapshot, no blank lines', () => {
  const r = threeRegionRecord();
  r.snapshots.push({ ...r.snapshots[0], startTime: 100_000_000n, endTime: 200_000_000n });
  assert.equal(
    report((o) => {
      o.totalSzOnly = true;
    }, [r]),
    ['28.000 KiB', '28.000 KiB', 'record DAMON intervals: sample 5 ms, aggr 100 ms'].join('\n'),
  );
});

test('a record without intervals is refused', () => {
  assert.throws(() => report(() => {}, [record(threeRegionRecord().snapshots, null)]), /lack the intervals information/);
});
