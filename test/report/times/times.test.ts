// `report times` (spec/reports.md §12); expectations worked out by hand.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatTimeSpans, snapshotTimeSpans } from '../../../src/report/times.ts';
import { record, snapshot } from '../wss/build-records.ts';
import { runDamo, tempDir, writeJsonRecords } from '../wss/run-command.ts';

const s = 1_000_000_000;

test('back-to-back snapshots with regions join; empty ones split', () => {
  const rec = record([
    snapshot(1 * s, 2 * s, [[0, 10, 1]]),
    snapshot(2 * s, 3 * s, [[0, 10, 1]]),
    snapshot(3 * s, 4 * s, []),
    snapshot(4 * s, 5 * s, [[0, 10, 1]]),
    snapshot(5.5 * s, 6 * s, [[0, 10, 1]]),
  ]);
  const spans = snapshotTimeSpans([rec]);
  assert.deepEqual(spans, [
    [1000000000n, 3000000000n],
    [4000000000n, 5000000000n],
    [5500000000n, 6000000000n],
  ]);
  assert.equal(
    formatTimeSpans(spans),
    '1.000000-3.000000\n# (seconds)\n4.000000-5.000000\n# (seconds)\n5.500000-6.000000\n# (seconds)\n',
  );
  assert.equal(formatTimeSpans([[539809434100n, 540437986123n]]), '539.809434-540.437986\n# (seconds)\n');
  assert.equal(formatTimeSpans([]), '');
});

test('command: filters decide which snapshots count', async () => {
  const dir = tempDir('damo-times-');
  const ms = 1_000_000;
  // The big region is accessed (3 of 20 samples: 15 %) in snapshots 0, 1 and 3 only.
  const file = writeJsonRecords(join(dir, 'rec.json'), [
    {
      target_id: 1,
      intervals: { sample_us: 5000, aggr_us: 100000 },
      snapshots: [0, 1, 2, 3].map((i) => [
        i * 100 * ms,
        (i + 1) * 100 * ms,
        [
          [0, 4096, 1],
          [4096, 1 << 20, i === 2 ? 0 : 3],
        ],
      ]),
    },
  ]);
  const all = await runDamo(['report', 'times', '--inputs', file, 'unused']);
  assert.equal(all.out, '0.000000-0.400000\n# (seconds)\n');
  const big = await runDamo(['report', 'times', '--inputs', file, 'unused', '--sz_region', '8K', 'max', '--snapshot_idx', '1', '3']);
  assert.equal(big.out, '0.100000-0.400000\n# (seconds)\n');
  const hot = await runDamo(['report', 'times', '--inputs', file, 'unused', '--access_rate', '10', '100']);
  assert.equal(hot.out, '0.000000-0.200000\n# (seconds)\n0.300000-0.400000\n# (seconds)\n');
  const none = await runDamo(['report', 'times', '--inputs', file, 'unused', '--sz_region', '2M', 'max']);
  assert.deepEqual([none.code, none.out], [0, '']);
});
