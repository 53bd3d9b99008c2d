// `damo diagnose` on a stand-in tree with the kernel emulator: the summary, the problems
// it finds, --verbose JSON, and no write to a kdamond this damo did not start.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setFsWrapperForTests } from '../../src/cli/damon-kernel-args.ts';
import { RootedFs } from '../../src/kernel/fs.ts';
import { FakeKernelFs, makeFakeKernel, startForeignKdamond, cliEnvFor, PAGEOUT_SCHEME } from './fake-kernel.ts';
import { runDamo } from '../cli/run-command.ts';

let lastFs: FakeKernelFs | null = null;
// Kdamond threads get this process's pid, so that they read as alive.
setFsWrapperForTests((fs) => {
  if (!(fs instanceof RootedFs)) return fs;
  lastFs = new FakeKernelFs(fs.root);
  lastFs.nextPid = process.pid;
  return lastFs;
});

const PAGEOUT = PAGEOUT_SCHEME.split(' ');

test('nothing running: DAMON is idle, and said so', async () => {
  const k = makeFakeKernel();
  const r = await runDamo(['diagnose'], cliEnvFor(k));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^kernel: 6\.18\.0, DAMON sysfs at .*, features suggest DAMON 6\.18\n/);
  assert.match(r.out, /\nkdamonds: 0 \(0 running\)\nmodules: none\nproblems found: 1\n {2}- no kdamond is running/);
});

test('our kdamond is refreshed and described; a scheme that tried nothing and a gone target are problems', async () => {
  const k = makeFakeKernel();
  const env = cliEnvFor(k);
  assert.equal((await runDamo(['start', 'paddr', ...PAGEOUT], env)).code, 0);
  let r = await runDamo(['diagnose'], env);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(lastFs!.writes, [
    "W kdamonds/0/state <- 'update_schemes_stats'",
    "W kdamonds/0/state <- 'update_schemes_tried_regions'",
    "W kdamonds/0/state <- 'update_schemes_effective_quotas'",
  ]);
  assert.match(r.out, new RegExp(`\\n {2}kdamond 0: on, pid ${process.pid}, started by this damo\\n`));
  assert.match(r.out, /\n {4}context 0: paddr, targets: physical memory, sample 5 ms, aggr 100 ms, regions 10\.\.1,000\n/);
  assert.match(r.out, /\n {6}scheme 0: pageout, tried 0 \(0 B\), applied 0 \(0 B\), quota exceeded 0 times, 0 tried regions \(0 B\)\n/);
  assert.match(r.out, /\nproblems found: 1\n {2}- kdamond 0 context 0 scheme 0 \(pageout\) has not tried any region/);

  // Stats as the kernel would show them after a while, and a vaddr target that exited.
  const s = `${k.root}/kernel/mm/damon/admin/kdamonds/0/contexts/0`;
  writeFileSync(`${s}/schemes/0/stats/nr_tried`, '12\n');
  writeFileSync(`${s}/schemes/0/stats/sz_tried`, '4096\n');
  writeFileSync(`${s}/schemes/0/stats/qt_exceeds`, '3\n');
  writeFileSync(`${s}/operations`, 'vaddr\n');
  writeFileSync(`${s}/targets/0/pid_target`, '99999999\n');
  r = await runDamo(['diagnose'], env);
  assert.match(r.out, /scheme 0 \(pageout\) tried 12 regions \(4\.000 KiB\) but applied to none/);
  assert.match(r.out, /scheme 0 \(pageout\) hit its quota 3 times/);
  assert.match(r.out, /kdamond 0 context 0 target 0: process 99999999 is gone/);
  assert.match(r.out, /problems found: 3\n/);
});

test('a foreign kdamond is only read, and --verbose gives everything as JSON', async () => {
  const k = makeFakeKernel();
  k.fs.nextPid = process.pid;
  startForeignKdamond(k);
  const env = cliEnvFor(k);
  const r = await runDamo(['diagnose', '--verbose'], env);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(lastFs!.writes, []);
  const v = JSON.parse(r.out);
  assert.equal(v.sysinfo.kernel_release, '6.18.0');
  assert.ok(v.sysinfo.supported_features.includes('sysfs/schemes_tried_regions'));
  assert.equal(v.kdamonds[0].started_by_this_damo, false);
  assert.equal(v.kdamonds[0].state, 'on');
  assert.deepEqual(v.modules, {});
  assert.ok(Array.isArray(v.findings));
  const plain = await runDamo(['diagnose'], env);
  assert.match(plain.out, /kdamond 0: on, pid \d+, started elsewhere \(only read\)/);
});

test('no DAMON sysfs: one finding, exit 0; modules are listed', async () => {
  const root = mkdtempSync(join(tmpdir(), 'damo-nosys-'));
  const p = join(root, 'module/damon_reclaim/parameters');
  mkdirSync(p, { recursive: true });
  writeFileSync(join(p, 'enabled'), 'N\n');
  const r = await runDamo(['diagnose'], { DAMO_SYSFS_ROOT: root, DAMO_STATE_DIR: root, DAMO_KERNEL_RELEASE: '6.1.0' });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /DAMON sysfs interface not found/);
  assert.match(r.out, /\nmodules: damon_reclaim disabled\n/);
  assert.match(r.out, /- the DAMON sysfs interface is missing/);
  assert.ok(!r.out.includes('kdamonds:'));
});
