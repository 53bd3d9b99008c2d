// `report nr_regions` (spec/reports.md §10); expectations worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNrRegions } from '../../../src/report/nr-regions.ts';
import { type RegionSpec, record, timeline } from '../wss/build-records.ts';

const regions = (n: number): RegionSpec[] => Array.from({ length: n }, (_, i) => [i * 4096, (i + 1) * 4096, 0]);

// Snapshots 20..24 (the first 20 are skipped) hold 5, 4, 3, 2, 1 regions.
const five = record(
  timeline(25, (i) => regions(((24 - i) % 5) + 1)),
  { targetId: 5n },
);
// Snapshots 20 and 21 hold 1 and 2 regions: the average 1.5 truncates to 1.
const two = record(timeline(22, (i) => regions(i === 21 ? 2 : 1)));

test('percentiles of region counts after the first 20 snapshots', () => {
  assert.equal(
    formatNrRegions([five, two], [0, 25, 50, 75, 100], 'size'),
    [
      '# <percentile> <# regions>',
      '# target_id\t5',
      '# avr:\t3',
      '0\t1',
      '25\t2',
      '50\t3',
      '75\t4',
      '100\t5',
      '# target_id\tNone',
      '# avr:\t1',
      '0\t1',
      '25\t1',
      '50\t2',
      '75\t2',
      '100\t2',
      '',
    ].join('\n'),
  );
});

test('--sortby time keeps the recorded order', () => {
  const lines = formatNrRegions([five], [0, 25, 50, 75, 100], 'time').split('\n');
  assert.deepEqual(lines.slice(3, 8), ['0\t5', '25\t4', '50\t3', '75\t2', '100\t1']);
});

test('20 or fewer snapshots: a note instead of a division by zero', () => {
  const short = record(timeline(20, () => regions(1)), { targetId: 9n });
  assert.equal(formatNrRegions([short], [50], 'size'), '# <percentile> <# regions>\n# target_id\t9\n# no snapshot\n');
  assert.equal(formatNrRegions([], [50], 'size'), '# <percentile> <# regions>\n');
});
