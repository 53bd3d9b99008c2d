// damo schemes on a stand-in /sys (kernel emulator) and on the engine: runs until the
// started command exits, DAMON stops by itself, or SIGINT; then turns off what it started
// and stages the earlier parameters again. Never the machine's DAMON.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setFsWrapperForTests } from '../../src/cli/damon-kernel-args.ts';
import { KDAMONDS_DIR, RootedFs } from '../../src/kernel/fs.ts';
import { type FakeKernel, FakeKernelFs, makeFakeKernel, startForeignKdamond, cliEnvFor } from '../kernel/fake-kernel.ts';
import { runDamo } from './run-command.ts';

setFsWrapperForTests((fs) => (fs instanceof RootedFs ? new FakeKernelFs(fs.root) : fs));

function treeFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(p.slice(dir.length), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** A tree holding someone's earlier (stopped) vaddr setup with intervals of its own. */
function earlierSetup(): FakeKernel {
  const k = makeFakeKernel();
  for (const [p, v] of [
    ['nr_kdamonds', '1'],
    ['0/contexts/nr_contexts', '1'],
    ['0/contexts/0/operations', 'paddr'],
    ['0/contexts/0/monitoring_attrs/intervals/sample_us', '7000'],
    ['0/contexts/0/monitoring_attrs/intervals/aggr_us', '140000'],
    ['0/contexts/0/targets/nr_targets', '1'],
    ['0/contexts/0/targets/0/regions/nr_regions', '1'],
    ['0/contexts/0/targets/0/regions/0/start', '4096'],
    ['0/contexts/0/targets/0/regions/0/end', '1048576'],
  ]) {
    k.fs.write(`${KDAMONDS_DIR}/${p}`, v);
  }
  k.takeWrites();
  return k;
}

const admin = (k: FakeKernel) => join(k.root, 'kernel/mm/damon/admin');
const state = (k: FakeKernel) => k.fs.read(`${KDAMONDS_DIR}/0/state`).trim();

test('schemes on a command: runs while it runs, then turns DAMON off and puts the earlier parameters back', async () => {
  const k = earlierSetup();
  const before = treeFiles(admin(k));
  const env = cliEnvFor(k);
  let sawOn = false;
  const watch = setInterval(() => {
    if (state(k) === 'on') sawOn = true;
  }, 20);
  const t0 = Date.now();
  const r = await runDamo(['schemes', 'sleep 1', '--damos_action', 'stat', '--damos_age', '5s', 'max'], env);
  clearInterval(watch);
  assert.deepEqual([r.code, r.out, r.err], [0, '', '']);
  assert.ok(Date.now() - t0 >= 900, 'it waited for the command');
  assert.ok(sawOn, 'DAMON ran meanwhile');
  assert.equal(state(k), 'off');
  const after = treeFiles(admin(k));
  const changed = [...before.keys()].filter((p) => before.get(p) !== after.get(p));
  assert.deepEqual(changed, []);
  assert.deepEqual([...after.keys()].filter((p) => !before.has(p)), []);
  const started = JSON.parse(readFileSync(join(env.DAMO_STATE_DIR!, 'started-kdamonds.json'), 'utf8'));
  assert.deepEqual(started, {}, 'nothing left recorded as started');
});

test('schemes paddr ends on SIGINT with exit status 2, and when DAMON stops by itself with 0', async () => {
  const k = earlierSetup();
  const env = cliEnvFor(k);
  const send = setTimeout(() => process.emit('SIGINT' as never), 700);
  let r = await runDamo(['schemes', 'paddr', '--damos_action', 'pageout', '--damos_age', '5s', 'max'], env);
  clearTimeout(send);
  assert.deepEqual([r.code, r.err], [2, '']);
  assert.equal(state(k), 'off');
  assert.equal(k.fs.read(`${KDAMONDS_DIR}/0/contexts/0/monitoring_attrs/intervals/sample_us`).trim(), '7000', 'earlier setup back');

  // The kdamond turning off by itself (as when its target exits) ends the run.
  const off = setTimeout(() => {
    writeFileSync(join(admin(k), 'kdamonds/0/state'), 'off\n');
  }, 700);
  r = await runDamo(['schemes', 'paddr', '--damos_action', 'stat'], env);
  clearTimeout(off);
  assert.deepEqual([r.code, r.err], [0, '']);
  assert.equal(k.fs.read(`${KDAMONDS_DIR}/0/contexts/0/operations`).trim(), 'paddr');
});

test('schemes refuses to take over a kdamond it did not start, writing nothing', async () => {
  const k = makeFakeKernel();
  startForeignKdamond(k);
  const r = await runDamo(['schemes', 'paddr', '--damos_action', 'stat'], cliEnvFor(k));
  assert.equal(r.code, 1);
  assert.match(r.err, /was not started by this damo; it is left alone/);
  assert.deepEqual(k.takeWrites(), []);
  assert.equal(state(k), 'on');
});

test('schemes --dry_run prints the writes and returns at once', async () => {
  const k = earlierSetup();
  const r = await runDamo(['schemes', 'paddr', '--damos_action', 'stat', '--dry_run'], cliEnvFor(k));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /write 'stat' to '.*schemes\/0\/action'\n/);
  assert.match(r.out, /write 'on' to '.*kdamonds\/0\/state'\n$/);
  assert.equal(state(k), 'off');
});

test('schemes sim:stairs runs an engine kdamond until SIGINT, then stops it', async () => {
  const env: NodeJS.ProcessEnv = {
    DAMO_STATE_DIR: mkdtempSync(join(tmpdir(), 'damo-state-')),
    DAMO_SYSFS_ROOT: mkdtempSync(join(tmpdir(), 'damo-nosys-')),
    DAMO_ENGINE_IDLE_EXIT_S: '60',
    PATH: process.env.PATH,
  };
  const infoFile = join(env.DAMO_STATE_DIR!, 'engine', 'kdamond-0.json');
  let pid: number | null = null;
  const poll = setInterval(() => {
    if (pid === null && existsSync(infoFile)) {
      pid = (JSON.parse(readFileSync(infoFile, 'utf8')) as { pid: number }).pid;
      setTimeout(() => process.emit('SIGINT' as never), 300);
    }
  }, 50);
  try {
    const r = await runDamo(['schemes', 'sim:stairs', '--damos_action', 'stat'], env);
    assert.deepEqual([r.code, r.err], [2, '']);
    assert.ok(pid !== null, 'an engine daemon ran');
    assert.throws(() => process.kill(pid!, 0), 'the daemon is gone');
    assert.equal(existsSync(infoFile), false);
  } finally {
    clearInterval(poll);
    if (pid !== null) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    rmSync(env.DAMO_STATE_DIR!, { recursive: true, force: true });
  }
});
