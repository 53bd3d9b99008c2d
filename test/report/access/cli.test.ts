// `damo report access` through the CLI: reading files, option handling, and the
// one-line errors for what upstream crashes on or this damo does not do.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runDamo } from '../../cli/run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'damo-access-'));

function regionJson(start: number, end: number, samples: number, aggrIntervals: number) {
  return {
    start: `${start}`,
    end: `${end}`,
    nr_accesses: { samples, percent: null },
    age: { usec: null, aggr_intervals: `${aggrIntervals}` },
  };
}

function writeRecord(name: string, withIntervals: boolean): string {
  const rec = {
    kdamond_idx: null,
    context_idx: null,
    intervals: withIntervals ? { sample_us: '5000', aggr_us: '100000', ops_update_us: '1000000' } : null,
    scheme_idx: null,
    target_id: 42,
    snapshots: [
      {
        start_time: '0',
        end_time: '100000000',
        regions: [regionJson(4096, 12288, 10, 3), regionJson(12288, 28672, 0, 5), regionJson(28672, 32768, 20, 0)],
        total_bytes: null,
      },
    ],
  };
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify([rec], null, 4));
  return path;
}

const withIv = writeRecord('with-intervals.json', true);
const noIv = writeRecord('no-intervals.json', false);

test('reads a record file and prints the detailed report, ending with a newline', async () => {
  const r = await runDamo(['report', 'access', '-i', withIv, '--snapshot_heatmap_width', '7']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  assert.equal(lines[0], 'heatmap: 9900005');
  assert.equal(lines[3], '0   addr 4.000 KiB    size 8.000 KiB   access 100 hz age 300 ms       ');
  assert.equal(lines.at(-2), 'record DAMON intervals: sample 5 ms, aggr 100 ms');
  assert.equal(lines.at(-1), '');
});

test('records without intervals: only --raw_form and --json', async () => {
  const refused = await runDamo(['report', 'access', '-i', noIv]);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /^damo: some records lack the intervals information/);
  assert.equal(refused.out, '');
  const raw = await runDamo(['report', 'access', '-i', noIv, '--raw_form']);
  assert.equal(raw.code, 0, raw.err);
  assert.match(raw.out, /^base_time_absolute: 0 ns\n/);
  assert.ok(raw.out.endsWith(' 20     0\n\n'), raw.out);
  const json = await runDamo(['report', 'access', '-i', noIv, '--json']);
  assert.equal(json.code, 0, json.err);
  assert.equal(JSON.parse(json.out)[0].target_id, 42);
});

test('templates from --format set/append, and a JSON object of templates', async () => {
  const r = await runDamo([
    'report', 'access', '-i', withIv,
    '--format', 'set', 'snapshot_head', '',
    '--format', 'set', 'snapshot_tail', '',
    '--format', 'set', 'region', '<index>:<temperature>',
    '--format', 'append', 'region', '!',
    '--format', 'set', 'record_tail', '<number of regions>',
    '--min_chars_for', '<temperature>', '12',
  ]);
  assert.equal(r.code, 0, r.err);
  // <index> keeps its built-in width of 3; '<number of regions>' is no record keyword.
  assert.equal(r.out, '0  :30,005,000  !\n1  :-50,000,000 !\n2  :10,000      !\n<number of regions>\n');
  const obj = await runDamo(['report', 'access', '-i', withIv, '--format', '{"region": "<size>", "snapshot_head": "", "snapshot_tail": "", "record_tail": ""}']);
  assert.equal(obj.out, '8.000 KiB  \n16.000 KiB \n4.000 KiB  \n');
});

test('--style overrides --format set for the areas it sets', async () => {
  const r = await runDamo(['report', 'access', '-i', withIv, '--style', 'simple-boxes', '--format', 'set', 'region', 'ignored']);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /ignored/);
  assert.match(r.out, /^snapshot time: \[0 ns, 100 ms\] \(100 ms\)\n/);
});

test('--sort_regions_by and --temperature_weights', async () => {
  const r = await runDamo([
    'report', 'access', '-i', withIv, '--sort_regions_by', 'temperature', '--sort_regions_dsc', 'temperature',
    '--temperature_weights', '1', '0', '0', '--format', 'set', 'region', '<start address> <temperature>',
    '--format', 'set', 'snapshot_head', '', '--format', 'set', 'snapshot_tail', '', '--format', 'set', 'record_tail', '',
  ]);
  // Size only: A 8192, B -16384 (never accessed), C 4096.
  assert.equal(r.out, '4.000 KiB    8,192\n28.000 KiB   4,096\n12.000 KiB   -16,384\n');
});

test('one-line errors for bad or unsupported input', async () => {
  const cases: [string[], RegExp][] = [
    [['--format', 'set', 'nowhere', 'x'], /format setting failed \(wrong --format target area/],
    [['--format', 'set', 'region'], /wrong nr of --format option/],
    [['--format', 'sometimes', 'region', 'x'], /wrong --format action/],
    [['--region_box', '--region_box_values', 'none', 'age', 'size'], /'none' is not supported/],
    [['--exec', 'script.py'], /--exec .*not support/],
    [['--on_cache', '32K', '8', '64'], /--on_cache .*not supported/],
    [['--hist_ranges', '1', '2', '3'], /even number/],
  ];
  for (const [argv, message] of cases) {
    const r = await runDamo(['report', 'access', '-i', withIv, ...argv]);
    assert.notEqual(r.code, 0, argv.join(' '));
    assert.match(r.err, message);
    assert.equal(r.err.split('\n').length, 2, r.err);
  }
  const two = await runDamo(['report', 'access', '--input', withIv, noIv]);
  assert.match(two.err, /--input handling failed \(unsupported input/);
  // Live input with nothing running; the empty stand-in /sys keeps the machine's DAMON out of reach.
  const isolated = { DAMO_STATE_DIR: mkdtempSync(join(tmpdir(), 'damo-state-')), DAMO_SYSFS_ROOT: mkdtempSync(join(tmpdir(), 'damo-nosys-')) };
  const live = await runDamo(['report', 'access', '--input', 'tried_regions_of', '0', '0', '0'], isolated);
  assert.match(live.err, /^damo: no kdamond running\n$/);
  const mixed = await runDamo(['report', 'access', '--input', 'tried_regions_of', '0', '0', '0', '--input', withIv], isolated);
  assert.match(mixed.err, /cannot be mixed with record files/);
  const missing = await runDamo(['report', 'access', '-i', join(dir, 'absent')]);
  assert.equal(missing.code, 1);
});

test('no input, no ./damon.data and no DAMON running: says so', async () => {
  const cwd = process.cwd();
  process.chdir(mkdtempSync(join(tmpdir(), 'damo-empty-')));
  try {
    const isolated = { DAMO_STATE_DIR: mkdtempSync(join(tmpdir(), 'damo-state-')), DAMO_SYSFS_ROOT: mkdtempSync(join(tmpdir(), 'damo-nosys-')) };
    const r = await runDamo(['report', 'access'], isolated);
    assert.equal(r.code, 1);
    assert.match(r.err, /no \.\/damon\.data here and no DAMON running to snapshot/);
  } finally {
    process.chdir(cwd);
  }
});

test('--ls_*_format_keywords point to damo help', async () => {
  const r = await runDamo(['report', 'access', '--ls_snapshot_format_keywords']);
  assert.equal(r.out, "use 'damo help access_format_options snapshot_format_keywords' instead\n");
});

test('an empty record list says so', async () => {
  const path = join(dir, 'empty.json');
  writeFileSync(path, '[]');
  const r = await runDamo(['report', 'access', '-i', path]);
  assert.equal(r.out, `No record in ['${path}']\n\n`);
});

test('colors as upstream by default; plain with --no_color or a non-empty NO_COLOR', async () => {
  const argv = ['report', 'access', '-i', withIv, '--snapshot_heatmap_width', '7', '--region_box'];
  const painted = await runDamo(argv, { NO_COLOR: '' });
  assert.match(painted.out, /\x1b\[48;5;\d+m/);
  for (const [extra, env] of [[['--no_color'], {}], [[], { NO_COLOR: '1' }]] as const) {
    const plain = await runDamo([...argv, ...extra], env);
    assert.equal(plain.code, 0, plain.err);
    assert.doesNotMatch(plain.out, /\x1b/);
    assert.equal(plain.out, painted.out.replace(/\x1b\[[0-9;]*m/g, ''), 'the same text without the codes');
  }
});
