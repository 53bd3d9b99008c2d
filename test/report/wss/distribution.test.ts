// The shared percentile printer (spec/reports.md §3); expectations worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSz } from '../../../src/base/units.ts';
import { formatDistribution, percentilesFromRange, valueAtPercentile } from '../../../src/report/distribution.ts';

const raw = (v: bigint | number) => formatSz(v, true);

test('percentiles index p/100*len, clamped to the last value', () => {
  const v = [10, 20, 30, 40];
  assert.deepEqual([0, 24, 25, 50, 75, 99, 100].map((p) => valueAtPercentile(v, p)), [10, 10, 20, 30, 40, 40, 40]);
});

test('--range follows Python range() and rejects percentiles outside 0..100', () => {
  assert.deepEqual(percentilesFromRange(['0', '101', '25']), [0, 25, 50, 75, 100]);
  assert.deepEqual(percentilesFromRange(['100', '-1', '-50']), [100, 50, 0]);
  assert.deepEqual(percentilesFromRange(['5', '5', '1']), []);
  assert.throws(() => percentilesFromRange(['0', '102', '101']), /percentile 101/);
  assert.throws(() => percentilesFromRange(['0', '10', '0']), /step/);
  assert.throws(() => percentilesFromRange(['0', '1.5', '1']), /integers/);
});

test('bars scale to the largest shown value; the average truncates in raw form', () => {
  const text = formatDistribution([10n, 20n, 30n, 41n], {
    metric: 'wss',
    percentiles: [0, 25, 50, 75, 100],
    printAll: false,
    format: raw,
    nrColsBar: 10,
  });
  // avr = 101/4 = 25.25; 41/10 = 4.1 per column: 10 -> 2, 20 -> 4, 30 -> 7, 41 -> 10
  const pad = (s: string) => s.padStart(15);
  assert.equal(
    text,
    [
      '# <percentile> <wss>',
      '# avr:\t25',
      `  0 ${pad('10')} |**        |`,
      ` 25 ${pad('20')} |****      |`,
      ` 50 ${pad('30')} |*******   |`,
      ` 75 ${pad('41')} |**********|`,
      `100 ${pad('41')} |**********|`,
    ].join('\n'),
  );
});

test('float rounding can leave the largest value one star short, as upstream', () => {
  const mib125 = 125n * 1024n * 1024n;
  const text = formatDistribution([mib125], { metric: 'vsz', percentiles: [100], printAll: false, format: (v) => formatSz(v), nrColsBar: 59 });
  assert.equal(text.split('\n')[2], `100     125.000 MiB |${'*'.repeat(58)} |`);
});

test('no bar with 0 columns, every value with printAll, and a note for no values', () => {
  const opts = { metric: 'wss', percentiles: [50], printAll: false, format: (v: bigint | number) => formatSz(v), nrColsBar: 0 };
  assert.equal(formatDistribution([2048n, 4096n], opts), '# <percentile> <wss>\n# avr:\t3.000 KiB\n 50       4.000 KiB');
  assert.equal(formatDistribution([2048n, 4096n], { ...opts, printAll: true }), '# <percentile> <wss>\n# avr:\t3.000 KiB\n0 2.000 KiB\n1 4.000 KiB');
  assert.equal(formatDistribution([], opts), '# <percentile> <wss>\n# no snapshot');
});

test('all-zero values get empty bars instead of dividing by zero', () => {
  const text = formatDistribution([0n, 0n], { metric: 'wss', percentiles: [0], printAll: false, format: raw, nrColsBar: 3 });
  assert.equal(text.split('\n')[2], `  0 ${'0'.padStart(15)} |   |`);
});
