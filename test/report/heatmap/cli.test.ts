// `damo report heatmap` and the older `damo report heats` through the CLI: option
// parsing, files, errors, and upstream's own data (read from ../shared/conformance
// when present; facts about upstream's outputs come from spec/reports.md §7 and
// spec/records.md §11).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { UserError } from '../../../src/base/user-error.ts';
import { rootCommand } from '../../../src/cli/command-tree.ts';
import { interactiveEdit } from '../../../src/cli/commands/report-heatmap.ts';
import { parseCommandLine } from '../../../src/cli/parse-args.ts';
import type { HeatmapOptions } from '../../../src/report/heatmap/heatmap-report.ts';
import { recordsSource } from '../../../src/report/heatmap/record-source.ts';
import { record, region, snapshot } from './make-record.ts';

async function damo(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  const ctx = { out: (t: string) => void (out += t), err: () => {}, env, stdoutIsTTY: false };
  try {
    const { path, args } = parseCommandLine(rootCommand, argv);
    const code = await path[path.length - 1].run!(args, ctx);
    return { code: typeof code === 'number' ? code : 0, out, err: '' };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { code: e.exitCode, out, err: e.message };
  }
}

// One record, no intervals: [0,100) ns A=[0,100) 4 samples, B=[100,200) 0; [100,200) ns A 2, B 6.
function smallRecordFile(): string {
  const region = (start: number, end: number, samples: number) => ({
    start,
    end,
    nr_accesses: { samples, percent: null },
    age: { usec: null, aggr_intervals: null },
  });
  const json = [
    {
      kdamond_idx: null,
      context_idx: null,
      intervals: null,
      scheme_idx: null,
      target_id: null,
      snapshots: [
        { start_time: 0, end_time: 100, regions: [region(0, 100, 4), region(100, 200, 0)] },
        { start_time: 100, end_time: 200, regions: [region(0, 100, 2), region(100, 200, 6)] },
      ],
    },
  ];
  const path = join(mkdtempSync(join(tmpdir(), 'damo-heatmap-')), 'small.json');
  writeFileSync(path, JSON.stringify(json));
  return path;
}

test('raw output of a record file, and records without target ids', async () => {
  const file = smallRecordFile();
  const r = await damo(['report', 'heatmap', '-i', file, '--output', 'raw', '--resol', '2', '2']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '0\t0\t4.0\n0\t100\t0.0\n100\t0\t2.0\n100\t100\t6.0\n');
  const guide = await damo(['report', 'heatmap', '-i', file, '--guide']);
  assert.equal(guide.out, 'time: [0, 200) (200)\nregion\t 0: [0, 200) (200)\n');
});

test('colors: on by default, off with --no_color or a non-empty NO_COLOR', async () => {
  const file = smallRecordFile();
  const argv = ['report', 'heatmap', '-i', file, '--resol', '2', '2'];
  assert.match((await damo(argv)).out, /\x1b\[48;5;232m/);
  assert.match((await damo(argv, { NO_COLOR: '' })).out, /\x1b\[48;5;232m/);
  assert.equal((await damo(argv, { NO_COLOR: '1' })).out.split('\n')[0], '50');
  assert.equal((await damo([...argv, '--no_color'])).out.split('\n')[0], '50');
  const flame = (await damo([...argv, '--stdout_colorset', 'flame'])).out;
  assert.ok(flame.startsWith('\x1b[48;5;3m\x1b[38;5;245m5\x1b[48;5;232m\x1b[38;5;239m0\x1b[0m\n'), flame);
});

test('unknown outputs are one clear error (pictures: test/render/heatmap-cli.test.ts)', async () => {
  const file = smallRecordFile();
  const bad = await damo(['report', 'heatmap', '-i', file, '--output', 'heat.txt']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /--output takes stdout, raw/);
});

test('older `report heats`: --heatmap FILE is --output FILE, other options alike', async () => {
  const file = smallRecordFile();
  const raw = await damo(['report', 'heats', '-i', file, '--heatmap', 'raw', '--resol', '1', '1']);
  assert.equal(raw.out, '0\t0\t3.0\n');
  const img = await damo(['report', 'heats', '-i', file, '--heatmap', 'freq.gif']);
  assert.match(img.err, /--output takes stdout, raw, or a file name/);
});

test('option value errors', async () => {
  const file = smallRecordFile();
  assert.match((await damo(['report', 'heatmap', '-i', file, '--resol', '0', '80'])).err, /--resol/);
  assert.match((await damo(['report', 'heatmap', '-i', file, '--resol', 'x', '80'])).err, /whole number/);
  assert.match((await damo(['report', 'heatmap', '-i', file, '--time_range', '1'])).err, /<start> <end>/);
  assert.match((await damo(['report', 'heatmap', '-i', file, '--tid', 'abc'])).err, /--tid/);
});

const inputs = resolve(dirname(new URL(import.meta.url).pathname), '../../../../shared/conformance/upstream-damo-3.3.0/inputs');
const haveInputs = existsSync(join(inputs, 'damon.data'));
const skip = haveInputs ? false : process.env.CI ? false : 'NOTICE: ../shared/conformance is absent';

test("upstream's damon.data, raw 500x500: the same bytes as upstream (md5 from spec/records.md §11.1)", { skip }, async () => {
  assert.ok(haveInputs, '../shared/conformance is absent, and CI must run it');
  const r = await damo(['report', 'heatmap', '--output', 'raw', '-i', join(inputs, 'damon.data')]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.split('\n').length, 250001);
  assert.equal(createHash('md5').update(r.out).digest('hex'), 'fb2a344ae3e56085f2eb9292567882d6');
});

test("upstream's damon.data on the terminal: spec/reports.md §7.5's example maps", { skip }, async () => {
  assert.ok(haveInputs, '../shared/conformance is absent, and CI must run it');
  const file = join(inputs, 'damon.data');
  const r = await damo(['report', 'heatmap', '-i', file, '--resol', '3', '10', '--draw_range', 'all', '--no_color']);
  assert.deepEqual(r.out.split('\n').slice(0, 12), [
    '0000000000',
    '0000000000',
    '0000000000',
    '# access_frequency: 0123456789 (0.000-0.051 samples)',
    '# x-axis: space [86.245035 TiB, 86.245065 TiB) (31.617 MiB)',
    '# y-axis: time [8 m 59.809 s, 9 m 56.607 s) (56.797 s)',
    '# resolution: 10x3 (3.162 MiB and 18.932 s for each character)',
    '4444577773',
    '4444444441',
    '6666522220',
    '# access_frequency: 0123456789 (6.084-13.542 samples)',
    '# x-axis: space [127.576196 TiB, 127.576384 TiB) (196.848 MiB)',
  ]);
  const zoomed = await damo([
    'report', 'heatmap', '-i', file, '--resol', '3', '10', '--no_color',
    '--time_range', '0', '10s', 'guided', '--address_range', '0', '4096', 'guided',
  ]);
  assert.match(zoomed.out, /^# y-axis: time \[8 m 59\.809 s, 9 m 9\.809 s\) \(10\.000 s\)$/m);
  assert.match(zoomed.out, /\(3\.994 KiB\)$/m);
  assert.match(zoomed.out, /\(409 B and 3\.333 s for each character\)$/m);
});

test('--interactive_edit: commands redraw the view until quit; bad input keeps it', async () => {
  const rec = record([snapshot(0, 100, [region(0, 100, 4), region(100, 200, 0)]), snapshot(100, 200, [region(0, 100, 2), region(100, 200, 6)])]);
  const opts: HeatmapOptions = {
    output: 'raw',
    resol: [1, 1],
    ranges: { drawRange: 'hottest' },
    absTime: true,
    absAddr: true,
    dfPassed: false,
    sortTemperature: false,
    temperatureWeights: { frequency: 1, age: 1 },
    colorset: null,
    skipColorsetExample: false,
  };
  const answers = ['zoom', '2', '50', 'l', 'nonsense', 'zoom', '9', 'scroll', '1', '-50', 'q', 'never read'];
  let out = '';
  let err = '';
  const ctx = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), env: {}, stdoutIsTTY: false };
  const start = { id: { kdamondIdx: null, contextIdx: null, schemeIdx: null, targetId: null }, timeRange: [0n, 200n] as [bigint, bigint], addressRanges: [[0n, 200n]] as [bigint, bigint][] };
  await interactiveEdit(recordsSource([rec]), start, opts, ctx, async () => answers.shift() ?? null);
  // zoom space to 50 %: [50, 150): (4*100*50 + 0 + 2*100*50 + 6*100*50) / (200*100) = 3.0
  // l, 10 % of the 100 B span: [60, 160): A gives 40 B, B 60 B:
  //   (4*100*40 + 2*100*40 + 6*100*60) / 20000 = 3.0
  // scroll time -50 %: [-100, 100) ns, only the first snapshot: (4*100*40 + 0) / 20000 = 0.8
  assert.equal(out, '0\t50\t3.0\n0\t60\t3.0\n-100\t60\t0.8\n');
  assert.match(err, /'nonsense' is not an edit command/);
  assert.match(err, /not understood; nothing changed/);
  assert.deepEqual(answers, ['never read']);
});
