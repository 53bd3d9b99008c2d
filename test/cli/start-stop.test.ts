// damo start / tune / stop / report damon / features through the CLI, on a folder
// standing in for /sys (DAMO_SYSFS_ROOT): never the machine's DAMON.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setFsWrapperForTests } from '../../src/cli/damon-kernel-args.ts';
import { KDAMONDS_DIR, RootedFs } from '../../src/kernel/fs.ts';
import { type FakeKernel, FakeKernelFs, makeFakeKernel, startForeignKdamond, cliEnvFor, PAGEOUT_SCHEME } from '../kernel/fake-kernel.ts';
import { runDamo } from './run-command.ts';

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(p, readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** A tree already shaped for one paddr kdamond with one scheme, as a static folder. */
function preparedTree(): FakeKernel {
  const k = makeFakeKernel();
  for (const [p, v] of [
    ['nr_kdamonds', '1'],
    ['0/contexts/nr_contexts', '1'],
    ['0/contexts/0/targets/nr_targets', '1'],
    ['0/contexts/0/targets/0/regions/nr_regions', '1'],
    ['0/contexts/0/schemes/nr_schemes', '1'],
  ]) {
    k.fs.write(`${KDAMONDS_DIR}/${p}`, v);
  }
  k.takeWrites();
  return k;
}

// The commands' own Fs for the stand-in root is swapped for the kernel emulator.
setFsWrapperForTests((fs) => (fs instanceof RootedFs ? new FakeKernelFs(fs.root) : fs));

const PAGEOUT = PAGEOUT_SCHEME.split(' ');
const state = (k: FakeKernel) => k.fs.read(`${KDAMONDS_DIR}/0/state`).trim();

test('start, report damon, tune and stop on a stand-in tree', async () => {
  const k = preparedTree();
  const env = cliEnvFor(k);
  let r = await runDamo(['start', 'paddr', ...PAGEOUT], env);
  assert.deepEqual([r.code, r.out, r.err], [0, '', '']);
  assert.equal(state(k), 'on');
  assert.equal(k.fs.read(`${KDAMONDS_DIR}/0/contexts/0/schemes/0/access_pattern/age/min`).trim(), '50');

  r = await runDamo(['report', 'damon'], env);
  assert.equal(r.code, 0);
  assert.match(r.out, /^kdamond 0\n {4}state: on, pid: 4242\n {4}context 0\n {8}ops: paddr\n {8}target 0\n {12}pid: 0\n {12}region \[4,096, 26,843,545,600\) \(25\.000 GiB\)\n/);
  assert.match(r.out, /\n {16}age: \[50 aggr_intervals, 184,467,440,737,095 aggr_intervals\]\n/);
  assert.match(r.out, /\n {12}statistics\n {16}tried 0 times \(0 B\)\n/);
  const json = JSON.parse((await runDamo(['report', 'damon', '--format', 'json'], env)).out);
  assert.equal(json[0].state, 'on');
  assert.equal(json[0].contexts[0].schemes[0].stats.nr_tried, '0');

  r = await runDamo(['tune', 'paddr', ...PAGEOUT.map((w) => (w === '5s' ? '10s' : w))], env);
  assert.deepEqual([r.code, r.err], [0, '']);
  assert.equal(k.fs.read(`${KDAMONDS_DIR}/0/contexts/0/schemes/0/access_pattern/age/min`).trim(), '100');

  r = await runDamo(['stop'], env);
  assert.deepEqual([r.code, r.err], [0, '']);
  assert.equal(state(k), 'off');
  r = await runDamo(['stop'], env);
  assert.equal(r.code, 1);
  assert.match(r.err, /DAMON is not turned on/);
});

test('a foreign kdamond: start, tune and stop refuse with one line and write nothing', async () => {
  const k = makeFakeKernel();
  startForeignKdamond(k);
  const env = cliEnvFor(k);
  const before = snapshot(k.root);
  for (const argv of [['start', 'paddr'], ['tune', 'paddr'], ['stop']]) {
    const r = await runDamo(argv, env);
    assert.equal(r.code, 1, argv.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /kdamond 0 \(pid 4242\)/);
  }
  assert.deepEqual(snapshot(k.root), before);
  const r = await runDamo(['report', 'damon', '--kdamonds_summary'], env);
  assert.equal(r.out, '0\tstate: on, pid: 4242\n');
  assert.deepEqual(snapshot(k.root), before);
});

test('bad inputs give one line and no write', async () => {
  const k = preparedTree();
  const env = cliEnvFor(k);
  const before = snapshot(k.root);
  for (const argv of [
    ['start', 'paddr', '--damos_action', 'foo'],
    ['start', 'paddr', '--damos_action', 'pageout', '--damos_access_rate', '150%', '10%'],
    ['start', '--kdamonds', 'kdamonds: [ {contexts: ['],
    ['start', 'paddr', '--damos_action', 'collapse'],
    ['start', 'paddr', '--monitoring_nr_regions_range', '1', '10'],
    ['start', '--target_pid', '999999999'],
    ['start', 'paddr', '-r', '1T-2T'],
  ]) {
    const r = await runDamo(argv, env);
    assert.notEqual(r.code, 0, argv.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1, `${argv.join(' ')}: ${r.err}`);
  }
  assert.deepEqual(snapshot(k.root), before);
  const outside = await runDamo(['start', 'paddr', '-r', '1T-2T'], env);
  assert.match(outside.err, /paddr region .* is outside physical memory/);
});

test('--dry_run prints the writes in upstream wording and changes nothing', async () => {
  const k = preparedTree();
  const env = cliEnvFor(k);
  const before = snapshot(k.root);
  const r = await runDamo(['start', 'paddr', '--dry_run', ...PAGEOUT], env);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.equal(lines[0], `write '0' to '${k.root}/kernel/mm/damon/admin/kdamonds/0/refresh_ms'`);
  assert.equal(lines[lines.length - 1], `write 'on' to '${k.root}/kernel/mm/damon/admin/kdamonds/0/state'`);
  assert.deepEqual(snapshot(k.root), before);
});

test('features lists upstream names from the tree', async () => {
  const k = preparedTree();
  const r = await runDamo(['features', 'supported', '--infer_version'], cliEnvFor(k));
  assert.equal(r.code, 0);
  const lines = r.out.trim().split('\n');
  assert.ok(lines.includes('sysfs/schemes_filters_core_ops_dirs'));
  assert.ok(lines.includes('sysfs/fvaddr'));
  assert.ok(!lines.includes('sysfs/obsolete_target'));
  assert.equal(lines[lines.length - 1], 'Seems the version of DAMON is 6.18');
});

test('no DAMON sysfs in the tree is explained', async () => {
  const root = mkdtempSync(join(tmpdir(), 'damo-nodamon-'));
  const r = await runDamo(['start', 'paddr', '--sysfs_root', root], { ...cliEnvFor(makeFakeKernel()), DAMO_SYSFS_ROOT: undefined });
  assert.equal(r.code, 1);
  assert.match(r.err, /DAMON sysfs interface not found .*Linux 5\.18/);
});
