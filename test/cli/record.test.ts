// `damo record` with simulated targets (spec/records.md §4): the engine runs on the
// virtual clock and the record file reads back with what the engine produced.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readRecordFile } from '../../src/formats/read-records.ts';
import { runDamo } from './run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'damo-record-'));

test('record sim:stairs --timeout: one target, a snapshot per aggregation, upstream default intervals', async () => {
  const out = join(dir, 'stairs.data');
  const r = await runDamo(['record', 'sim:stairs', '-o', out, '--timeout', '5']);
  assert.deepEqual([r.code, r.err, r.out], [0, '', '']);
  assert.equal(readFileSync(out)[0], 0x78, 'json_compressed by default');
  assert.equal(statSync(out).mode & 0o777, 0o600, 'upstream default permission');
  const recs = await readRecordFile(out);
  assert.equal(recs.length, 1);
  assert.equal(recs[0].targetId, 0n);
  assert.equal(Number(recs[0].intervals!.sampleUs), 5000);
  assert.equal(Number(recs[0].intervals!.aggrUs), 100000);
  assert.equal(recs[0].snapshots.length, 50);
  for (const s of recs[0].snapshots) for (const reg of s.regions) assert.ok((reg.nrAccesses?.samples ?? 0) <= 20);
});

test('monitoring options, seed and output type are honoured; the same seed repeats the record', async () => {
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  const args = ['sim:zigzag', '-s', '10ms', '-a', '200ms', '-n', '20', '-m', '100', '--timeout', '4', '--seed', '9', '--output_type', 'json'];
  assert.equal((await runDamo(['record', ...args, '-o', a])).code, 0);
  assert.equal((await runDamo(['record', ...args, '-o', b])).code, 0);
  assert.equal(readFileSync(a, 'utf8'), readFileSync(b, 'utf8'));
  const recs = await readRecordFile(a);
  assert.equal(Number(recs[0].intervals!.sampleUs), 10000);
  assert.equal(recs[0].snapshots.length, 20);
  for (const s of recs[0].snapshots.slice(2)) assert.ok(s.regions.length >= 20 && s.regions.length <= 100);
  const c = join(dir, 'c.json');
  assert.equal((await runDamo(['record', 'sim:zigzag', '--monitoring_intervals', '10ms', '200ms', '1s', '--timeout', '4', '--seed', '10', '--output_type', 'json', '-o', c])).code, 0);
  assert.notEqual(readFileSync(a, 'utf8'), readFileSync(c, 'utf8'));
});

test('an existing output is kept as <out>.old; a masim config file is a target', async () => {
  const cfg = join(dir, 'two.cfg');
  writeFileSync(cfg, 'x, 4000000\ny, 4000000\n\nonly x\n2000\nx, 0, 4096, 1\n');
  const out = join(dir, 'two.data');
  writeFileSync(out, 'previous');
  const r = await runDamo(['record', `sim:${cfg}`, '-o', out, '--output_type', 'perf_script']);
  assert.equal(r.code, 0, r.err);
  assert.equal(readFileSync(`${out}.old`, 'utf8'), 'previous');
  assert.match(readFileSync(out, 'utf8'), /damon:damon_aggregated: target_id=0 nr_regions=\d+ \d+-\d+: \d+ \d+/);
  const recs = await readRecordFile(out);
  const secs = Number(recs[0].snapshots.at(-1)!.endTime) / 1e9;
  assert.ok(secs > 1.9 && secs < 2.2, `the process ran its 2 s phase (${secs})`);
});

test('bad input: one line, non-zero exit, nothing written', async () => {
  const out = join(dir, 'bad.data');
  const cases: [string[], RegExp][] = [
    [['sim:nonesuch'], /no built-in workload.*no such file/],
    [['sim:stairs', '--output_type', 'perf_data'], /perf_data/],
    [['sim:stairs', '--output_permission', '999'], /wrong --output permission/],
    [['sim:stairs', '--timeout', '-1'], /--timeout/],
    [['sim:stairs', '-n', '2'], /min nr_regions/],
    [['sim:stairs', '--schemes_target_regions'], /needs|give schemes/],
    [['sim:stairs', '--snapshot', 'soon', '2'], /--snapshot/],
    [['sim:stairs', '--do_record', 'cpu_profile'], /cpu_profile/],
    [['sim:record:'], /record file/],
    [['sim:record:/nonexistent/x.data'], /no such record file/],
    [['sim:stairs', '--ops', 'paddr'], /vaddr or fvaddr/],
  ];
  for (const [argv, re] of cases) {
    const r = await runDamo(['record', ...argv, '-o', out]);
    assert.notEqual(r.code, 0, argv.join(' '));
    assert.match(r.err, re);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
  assert.equal(existsSync(out), false);
});

test('a real target without a usable DAMON kernel says what is missing', async () => {
  // An empty stand-in for /sys: the machine's own DAMON is never touched from tests.
  const env = { DAMO_SYSFS_ROOT: mkdtempSync(join(tmpdir(), 'damo-nosys-')), DAMO_STATE_DIR: mkdtempSync(join(tmpdir(), 'damo-state-')) };
  for (const [argv, what] of [
    [['record', '1'], "'1'"],
    [['record', 'paddr'], "'paddr'"],
    [['record', 'ongoing'], 'ongoing DAMON'],
    [['record'], 'ongoing DAMON'],
  ] as [string[], string][]) {
    const r = await runDamo(argv, env);
    assert.equal(r.code, 1, argv.join(' '));
    assert.match(r.err, new RegExp(`^damo: cannot record ${what}: this kernel has no DAMON sysfs interface .*sim:stairs.*\\n$`));
  }
});
