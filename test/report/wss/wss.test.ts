// `report wss` values and text (spec/reports.md §9); expectations worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type WssOptions, formatWss, recordWss, wssDistributions } from '../../../src/report/wss.ts';
import { record, timeline } from './build-records.ts';

const base: WssOptions = {
  accThres: 1,
  szThres: 1n,
  workTimeUs: 1n,
  excludeSamples: 0,
  sortBy: 'size',
  collapseTargets: true,
};

// wss by snapshot: 200, 100, 300
const rec = record(
  timeline(3, (i) => [
    [0, 100, [0, 1, 3][i]],
    [100, 300, [2, 0, 3][i]],
  ]),
  { targetId: 42n },
);

test('working set sizes, sorted or in time order, with thresholds', () => {
  assert.deepEqual(recordWss(rec, base), [100n, 200n, 300n]);
  assert.deepEqual(recordWss(rec, { ...base, sortBy: 'time' }), [200n, 100n, 300n]);
  assert.deepEqual(recordWss(rec, { ...base, sortBy: 'time', szThres: 150n }), [200n, 0n, 200n]);
  assert.deepEqual(recordWss(rec, { ...base, sortBy: 'time', accThres: 3 }), [0n, 0n, 300n]);
  assert.deepEqual(recordWss(rec, { ...base, excludeSamples: 2 }), [300n]);
  assert.deepEqual(recordWss(rec, { ...base, excludeSamples: 5 }), []);
});

test('--work_time merges snapshots before measuring', () => {
  // 200 ms windows over 100 ms snapshots: [0,100) gets 0+1 and [100,300) 2+0; the third is dropped.
  assert.deepEqual(recordWss(rec, { ...base, workTimeUs: 200000n }), [300n]);
});

test('targets are summed element-wise by default, or kept apart', () => {
  const other = record(timeline(2, (i) => [[0, [50, 70][i], 1]]), { targetId: null });
  assert.deepEqual(wssDistributions([rec, other], base), [{ label: '0', values: [150n, 270n, 300n] }]);
  assert.deepEqual(wssDistributions([rec, other], { ...base, collapseTargets: false }), [
    { label: '42', values: [100n, 200n, 300n] },
    { label: 'None', values: [50n, 70n] },
  ]);
  assert.deepEqual(wssDistributions([], base), [{ label: '0', values: [] }]);
});

test('report text', () => {
  const text = formatWss(wssDistributions([rec], base), { percentiles: [0, 50, 100], raw: true, nrColsBar: 4, printAll: false });
  const pad = (s: string) => s.padStart(15);
  assert.equal(
    text,
    [
      '# target_id\t0',
      '# <percentile> <wss>',
      '# avr:\t200',
      `  0 ${pad('100')} |*   |`,
      ` 50 ${pad('200')} |**  |`,
      `100 ${pad('300')} |****|`,
      '',
    ].join('\n'),
  );
  const human = formatWss([{ label: '3', values: [1536n] }], { percentiles: [100], raw: false, nrColsBar: 0, printAll: false });
  assert.equal(human, '# target_id\t3\n# <percentile> <wss>\n# avr:\t1.500 KiB\n100       1.500 KiB\n');
  const empty = formatWss([{ label: '0', values: [] }], { percentiles: [100], raw: false, nrColsBar: 59, printAll: false });
  assert.equal(empty, '# target_id\t0\n# <percentile> <wss>\n# no snapshot\n');
});
