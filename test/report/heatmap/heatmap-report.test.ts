// Heatmaps of records built in code, with every expected pixel worked out by hand
// from the grid rules of spec/reports.md §7.4-7.6.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type HeatmapOptions, heatmapReport } from '../../../src/report/heatmap/heatmap-report.ts';
import type { DamonRecord } from '../../../src/model/record.ts';
import { intervals, record, region, snapshot } from './make-record.ts';

function options(over: Partial<HeatmapOptions> = {}): HeatmapOptions {
  return {
    output: 'stdout',
    ranges: { drawRange: 'hottest' },
    absTime: false,
    absAddr: false,
    dfPassed: false,
    sortTemperature: false,
    temperatureWeights: { frequency: 1, age: 1 },
    colorset: null,
    skipColorsetExample: false,
    ...over,
  };
}

async function draw(records: DamonRecord[], over: Partial<HeatmapOptions> = {}): Promise<string> {
  let text = '';
  await heatmapReport(records, options(over), (t) => {
    text += t;
  });
  return text;
}

// Two snapshots of two 100-byte regions, no intervals (heat unit: samples):
//   [0, 100) ns:   A=[0,100) 4 samples, B=[100,200) 0 samples
//   [100, 200) ns: A 2 samples,         B 6 samples
// With 2x2 pixels of 100 ns x 100 B each pixel is exactly one region in one snapshot,
// except that a region touching a pixel's edge turns it from unknown into 0.
const twoByTwo = [
  record([
    snapshot(0, 100, [region(0, 100, 4), region(100, 200, 0)]),
    snapshot(100, 200, [region(0, 100, 2), region(100, 200, 6)]),
  ]),
];

test('raw output: one line per pixel, relative coordinates, Python float text', async () => {
  assert.equal(
    await draw(twoByTwo, { output: 'raw', resol: [2, 2] }),
    '0\t0\t4.0\n0\t100\t0.0\n100\t0\t2.0\n100\t100\t6.0\n',
  );
});

test('raw output with absolute coordinates', async () => {
  const text = await draw(twoByTwo, {
    output: 'raw',
    resol: [2, 2],
    absTime: true,
    absAddr: true,
    ranges: { drawRange: 'hottest', timeRange: ['50', '250'], addressRanges: [['100', '300']] },
  });
  // tu = au = 100. Row 0 = [50,150) ns, row 1 = [150,250); col 0 = [100,200) B, col 1 = [200,300).
  // Snapshot 1 gives B (0 samples) 50 ns in row 0 -> 0.0; snapshot 2 gives B 6 samples:
  // row 0: 50 ns x 100 B x 6 / (100 x 100) + 0 -> 3.0; row 1: 50 ns -> 3.0. B's end (200)
  // touches col 1 with 0 bytes, which makes it 0.0 rather than unknown.
  assert.equal(text, '50\t100\t3.0\n50\t200\t0.0\n150\t100\t3.0\n150\t200\t0.0\n');
});

test('one pixel averages every region and snapshot over its area', async () => {
  // 1x1: (4*100*100 + 0 + 2*100*100 + 6*100*100) / (200*200) = 3.0, accumulated as upstream does.
  assert.equal(await draw(twoByTwo, { output: 'raw', resol: [1, 1] }), '0\t0\t3.0\n');
});

test('terminal map: levels relative to the map, legend and axes', async () => {
  // heats 4 0 / 2 6: unit = (6 + 1 - 0) / 9; levels int(h / unit): 4 -> 5, 2 -> 2, 6 -> 7.
  assert.equal(
    await draw(twoByTwo, { resol: [2, 2] }),
    [
      '50',
      '27',
      '# access_frequency: 0123456789 (0.000-6.000 samples)',
      '# x-axis: space [0 B, 200 B) (200 B)',
      '# y-axis: time [0 ns, 200 ns) (200 ns)',
      '# resolution: 2x2 (100 B and 100 ns for each character)',
      '',
    ].join('\n'),
  );
});

test('terminal map colors: a start code per cell, one reset per row, legend samples', async () => {
  const text = await draw(twoByTwo, { resol: [1, 2], colorset: 'gray' });
  // 1x2: col 0 = (4+2)*100*100/(200*100) = 3.0, col 1 = 6*100*100/20000 = 3.0: both level 0.
  const cell0 = '\x1b[48;5;232m\x1b[38;5;237m0';
  const lines = text.split('\n');
  assert.equal(lines[0], `${cell0}${cell0}\x1b[0m`);
  assert.match(lines[1], /^# access_frequency: \x1b\[48;5;232m\x1b\[38;5;237m0.*9\x1b\[0m \(3\.000-3\.000 samples\)$/);
  assert.equal(lines[4], '# resolution: 2x1 (100 B and 200 ns for each character)');
});

test('--stdout_skip_colorset_example drops the legend line only', async () => {
  const text = await draw(twoByTwo, { resol: [2, 2], skipColorsetExample: true });
  assert.deepEqual(text.split('\n').slice(0, 3), ['50', '27', '# x-axis: space [0 B, 200 B) (200 B)']);
});

// Snapshot records (one snapshot each, far apart) with ages, aggregation 1 ms:
//   S1 [10, 11) ms: X=[0,1000) 20 samples age 2 (seen since 8 ms), Y=[1000,2000) 0 samples age 4 (6 ms)
//   S2 [14, 15) ms: X 10 samples age 1 (13 ms), Y 5 samples age 8 (6 ms, but S1 already covers to 11 ms)
// Guide time: 10 ms - 4 aggregations = 6 ms .. 15 ms; 9 rows of 1 ms, 2 columns of 1000 B.
// Heats in hz are samples / 1 ms: 20000, 10000, 5000.
const snapshots = [
  record([snapshot(10e6, 11e6, [region(0, 1000, 20, 2), region(1000, 2000, 0, 4)])], {
    intervals: intervals(50, 1000),
    kdamondIdx: 0,
    contextIdx: 0,
    schemeIdx: 0,
  }),
  record([snapshot(14e6, 15e6, [region(0, 1000, 10, 1), region(1000, 2000, 5, 8)])], {
    intervals: intervals(50, 1000),
    kdamondIdx: 0,
    contextIdx: 0,
    schemeIdx: 0,
  }),
];

test('snapshot records: time back-filled from ages, blank where nothing is known', async () => {
  // Row by row (X, Y): 6-7 ms: X unknown, Y idle since 6 ms; 8-10 ms: X 20000 hz;
  // 11 ms: S1's end touches the row (0 ns -> 0.0), Y from S2 (clipped to S1's end) 5000;
  // 12 ms: X unknown (S2 says X is only 1 aggregation old); 13-14 ms: X 10000, Y 5000.
  // unit = 20001/9: 20000 -> 8, 10000 -> 4, 5000 -> 2.
  assert.equal(
    await draw(snapshots, { resol: [9, 2] }),
    [
      ' 0',
      ' 0',
      '80',
      '80',
      '80',
      '02',
      ' 2',
      '42',
      '42',
      '# access_frequency: 0123456789 (0.000-20000.000 hz)',
      '# x-axis: space [0 B, 1.953125 KiB) (1.953 KiB)',
      '# y-axis: time [6 ms, 15 ms) (9 ms)',
      '# resolution: 2x9 (1000 B and 1 ms for each character)',
      '',
    ].join('\n'),
  );
});

test('snapshot records: blank cells are level-4 colored spaces', async () => {
  const line = (await draw(snapshots, { resol: [9, 2], colorset: 'gray' })).split('\n')[0];
  assert.equal(line, '\x1b[48;5;232m\x1b[38;5;245m \x1b[48;5;232m\x1b[38;5;237m0\x1b[0m');
});

test('--df_passed scales each region by the share of bytes that passed the filters', async () => {
  const rec = record([snapshot(0, 100, [region(0, 100, 4, 0, 25), region(100, 200, 8, 0, 100)])], {
    intervals: intervals(5000, 100000),
  });
  // hz = samples / 0.1 s: 40 and 80; passed shares 1/4 and 1: 10 and 80.
  assert.equal(
    await draw([rec], { output: 'raw', resol: [1, 2], dfPassed: true }),
    '0\t0\t10.0\n0\t100\t80.0\n',
  );
});

test('auto-tuned intervals: heat uses each snapshot\'s own aggregation interval', async () => {
  // Goal enabled, record 100 us / 2000 us (ratio 20). The snapshot was taken with a
  // 50 us sampling interval, so its aggregation was 1000 us: 3 samples -> 3000 hz, not 1500.
  const rec = record([snapshot(0, 1000, [region(0, 100, 3)], 50)], { intervals: intervals(100, 2000, 3) });
  assert.equal(await draw([rec], { output: 'raw', resol: [1, 1] }), '0\t0\t3000.0\n');
});

test('--draw_range all draws every contiguous range; hottest picks the most heat per byte', async () => {
  const rec = record([
    snapshot(0, 100, [region(0, 100, 1), region(1000, 1100, 9)]),
    snapshot(100, 200, [region(0, 100, 1), region(1000, 1100, 9)]),
  ]);
  assert.equal(await draw([rec], { output: 'raw', resol: [1, 1] }), '0\t0\t9.0\n');
  assert.equal(await draw([rec], { output: 'raw', resol: [1, 1], ranges: { drawRange: 'all' } }), '0\t0\t1.0\n0\t0\t9.0\n');
});

test('--sort_temperature lays regions out coldest first', async () => {
  const rec = record([snapshot(0, 100, [region(0, 100, 9), region(100, 200, 1)])]);
  assert.equal(
    await draw([rec], { output: 'raw', resol: [1, 2], sortTemperature: true }),
    '0\t0\t1.0\n0\t100\t9.0\n',
  );
});

test('a one-row map works (upstream crashes on --resol 1 N)', async () => {
  // Both columns average 3.0 samples, the lowest heat, so both are level 0.
  const lines = (await draw(twoByTwo, { resol: [1, 2] })).split('\n');
  assert.equal(lines[0], '00');
  assert.equal(lines[4], '# resolution: 2x1 (100 B and 200 ns for each character)');
});

test('a range with no access information draws blank rows instead of crashing', async () => {
  const text = await draw(twoByTwo, { resol: [1, 2], ranges: { drawRange: 'hottest', addressRanges: [['1000', '2000']] } });
  assert.equal(text.split('\n')[0], '  ');
  assert.match(text, /# access_frequency: 0123456789 \(no access information in this range\)/);
});

test('bad inputs give one clear error', async () => {
  await assert.rejects(() => draw([]), /no monitoring results/);
  await assert.rejects(() => draw(twoByTwo, { resol: [0, 2] }), /--resol/);
  await assert.rejects(() => draw(twoByTwo, { resol: [2, 300] }), /too small for 300 columns/);
  await assert.rejects(() => draw(twoByTwo, { ranges: { drawRange: 'hottest', addressRanges: [['10', '5']] } }),
    /is empty/,
  );
  await assert.rejects(() => draw([...twoByTwo, ...snapshots]), /cannot mix/);
  await assert.rejects(() => draw(twoByTwo, { ranges: { drawRange: 'hottest', kdamondIdx: 3 } }), /--guide/);
});
