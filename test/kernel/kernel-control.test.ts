// start / tune / stop / status on an emulated 6.18 DAMON sysfs tree, replayed
// against the write protocol of spec/control.md §6.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { KernelControl } from '../../src/kernel/kernel-control.ts';
import { DryRunFs, KDAMONDS_DIR } from '../../src/kernel/fs.ts';
import { StartedKdamonds } from '../../src/kernel/started-kdamonds.ts';
import { kdamondsFromOptions } from '../../src/model/damon-params-from-options.ts';
import type { Kdamond } from '../../src/model/damon-params.ts';
import { type FakeKernel, makeFakeKernel, startForeignKdamond, PAGEOUT_SCHEME as PAGEOUT } from './fake-kernel.ts';

const ENV = {
  defaultPaddrRegion: () => ({ start: 4096n, end: 26843545600n }),
  numaNodeRegions: () => [],
};
const golden = (n: string) => readFileSync(new URL(`./golden/${n}`, import.meta.url), 'utf8').trimEnd().split('\n');

function parse(argv: string): Kdamond[] {
  // A tiny option splitter for the few shapes used here: '--opt v v --opt2 v'.
  const args: Record<string, unknown> = {};
  const appendNargs = new Set(['damos_action', 'damos_access_rate', 'damos_age', 'damos_quotas', 'damos_quota_goal', 'damos_wmarks', 'damos_filter', 'damos_apply_interval', 'target_pid', 'ops']);
  let cur: string[] | null = null;
  for (const w of argv.split(' ').filter(Boolean)) {
    if (w.startsWith('--')) {
      const dest = w.slice(2);
      cur = [];
      if (appendNargs.has(dest)) ((args[dest] as unknown[] | undefined) ?? (args[dest] = [])) && (args[dest] as unknown[]).push(cur);
      else args[dest] = cur;
    } else cur!.push(w);
  }
  for (const d of ['damos_apply_interval', 'target_pid', 'ops']) {
    if (Array.isArray(args[d])) args[d] = (args[d] as string[][]).map((x) => x[0]);
  }
  return kdamondsFromOptions(args, ENV);
}

function control(k: FakeKernel, state = mkdtempSync(join(tmpdir(), 'damo-state-'))): { c: KernelControl; started: StartedKdamonds } {
  const started = new StartedKdamonds(join(state, 'started.json'));
  const c = new KernelControl({ fs: k.fs, started, sleep: async () => {}, isAlive: () => true, kernelRelease: '6.18.0' });
  return { c, started };
}


test('start writes exactly upstream\'s sequence on a fresh tree, then turns on', async () => {
  const k = makeFakeKernel();
  const { c, started } = control(k);
  assert.deepEqual(await c.start(parse(PAGEOUT)), [0]);
  assert.deepEqual(k.takeWrites(), golden('start-pageout.writes'));
  assert.equal(k.fs.read(`${KDAMONDS_DIR}/0/state`).trim(), 'on');
  assert.deepEqual(started.entries(c.tree), [{ index: 0, pid: '4242' }]);
});

test('dests, goals, watermarks, core/ops filters and apply interval in upstream order', async () => {
  const k = makeFakeKernel();
  const { c } = control(k);
  await c.start(
    parse(
      '--damos_action migrate_hot 0 30 1 70 --damos_quotas 10ms 1G 1s --damos_quota_goal node_mem_used_bp 40% 0 ' +
        '--damos_quota_goal user_input 1000 10 --damos_wmarks free_mem_rate 1s 800 500 100 ' +
        '--damos_filter allow none target 0 --damos_filter reject young --damos_apply_interval 2s',
    ),
  );
  const writes = k.takeWrites();
  const want = golden('start-migrate-filters.writes');
  // The golden is the relevant slice: it must appear as one contiguous run.
  const at = writes.indexOf(want[0]);
  assert.ok(at >= 0, 'dests writes missing');
  const slice = writes.slice(at, at + want.length + 20).filter((w) => !/access_pattern|\/action /.test(w));
  assert.deepEqual(slice.slice(0, want.length), want);
});

test('a running kdamond this damo did not start is refused before any write', async () => {
  const k = makeFakeKernel();
  startForeignKdamond(k);
  const { c } = control(k);
  await assert.rejects(c.start(parse(PAGEOUT)), /kdamond 0 \(pid 4242\) is running and was not started by this damo/);
  await assert.rejects(c.commit(parse(PAGEOUT)), /was not started by this damo/);
  await assert.rejects(c.stop(), /name it \(--kdamond 0\)/);
  assert.deepEqual(k.takeWrites(), []);
  // Named explicitly, it can be stopped.
  assert.deepEqual(await c.stop([0]), [0]);
  assert.deepEqual(k.takeWrites(), ["W kdamonds/0/state <- 'off'"]);
});

test('missing kernel features and bad shapes are refused before any write', async () => {
  const k = makeFakeKernel();
  const started = new StartedKdamonds(join(mkdtempSync(join(tmpdir(), 'damo-state-')), 's.json'));
  const old = new KernelControl({ fs: k.fs, started, sleep: async () => {}, isAlive: () => true, kernelRelease: '6.1.0' });
  await assert.rejects(old.start(parse('--damos_action pageout --damos_apply_interval 1s')), /needs Linux 6\.7 or later: sysfs\/schemes_apply_interval/);
  const { c } = control(k);
  await assert.rejects(c.start(parse('--damos_action collapse')), /needs a kernel with sysfs\/damos_action_collapse/);
  const gone = new KernelControl({ fs: k.fs, started, sleep: async () => {}, isAlive: () => false, kernelRelease: '6.18.0' });
  await assert.rejects(gone.start(parse('--target_pid 999999')), /process 999999 does not exist/);
  assert.deepEqual(k.takeWrites(), []);
});

test('tune stages the same files without unchanged counts and commits; stop turns off', async () => {
  const k = makeFakeKernel();
  const { c, started } = control(k);
  await c.start(parse(PAGEOUT));
  k.takeWrites();
  await c.commit(parse(PAGEOUT.replace('5s max', '10s max')));
  const tune = k.takeWrites();
  const startWrites = golden('start-pageout.writes').filter((w) => !/(^W |\/)nr_(kdamonds|contexts|targets|regions|schemes) <-/.test(w) && !/state <-/.test(w));
  assert.deepEqual(
    tune.slice(0, -1),
    startWrites.map((w) => w.replace("age/min <- '50'", "age/min <- '100'")),
  );
  assert.equal(tune[tune.length - 1], "W kdamonds/0/state <- 'commit'");
  await c.stop();
  assert.deepEqual(k.takeWrites(), ["W kdamonds/0/state <- 'off'"]);
  assert.deepEqual(started.entries(c.tree), []);
  await assert.rejects(c.stop(), /DAMON is not turned on/);
  await assert.rejects(c.commit(parse(PAGEOUT)), /DAMON is not turned on/);
});

test('tune --quota_goals_only writes the goal values, then commit_schemes_quota_goals', async () => {
  const k = makeFakeKernel();
  const { c } = control(k);
  await c.start(parse('--damos_action pageout --damos_quotas 10ms 1G 1s --damos_quota_goal user_input 1000 10'));
  k.takeWrites();
  await c.commit(parse('--damos_action pageout --damos_quotas 10ms 1G 1s --damos_quota_goal user_input 1000 20'), { quotaGoalsOnly: true });
  assert.deepEqual(k.takeWrites(), [
    "W kdamonds/0/contexts/0/schemes/0/quotas/goals/0/target_value <- '1000'",
    "W kdamonds/0/contexts/0/schemes/0/quotas/goals/0/current_value <- '20'",
    "W kdamonds/0/state <- 'commit_schemes_quota_goals'",
  ]);
});

test('status refreshes stats/quotas of running kdamonds and reads back kernel units', async () => {
  const k = makeFakeKernel();
  const { c } = control(k);
  await c.start(parse(PAGEOUT));
  k.takeWrites();
  const ks = await c.status({ stats: true, tunedIntervals: true, quotas: true });
  assert.deepEqual(k.takeWrites(), [
    "W kdamonds/0/state <- 'update_tuned_intervals'",
    "W kdamonds/0/state <- 'update_schemes_stats'",
    "W kdamonds/0/state <- 'update_schemes_effective_quotas'",
  ]);
  const s = ks[0].contexts[0].schemes[0];
  assert.equal(ks[0].state, 'on');
  assert.equal(s.accessPattern.ageUnit, 'aggr_intervals');
  assert.equal(s.accessPattern.age.min, 50n);
  assert.equal(s.accessPattern.age.max, 184467440737095n);
  assert.equal(ks[0].contexts[0].targets[0].pid, 0);
});

test('a dry run logs upstream-worded writes and changes nothing', async () => {
  const k = makeFakeKernel();
  const lines: string[] = [];
  const dry = new DryRunFs(k.fs, (l) => lines.push(l));
  const started = new StartedKdamonds(join(mkdtempSync(join(tmpdir(), 'damo-state-')), 's.json'));
  const c = new KernelControl({ fs: dry, started, sleep: async () => {}, isAlive: () => true, kernelRelease: '6.18.0' });
  await c.start(parse(PAGEOUT));
  assert.equal(lines[0], `write '1' to '${k.root}/kernel/mm/damon/admin/kdamonds/nr_kdamonds'`);
  assert.equal(lines[lines.length - 1], `write 'on' to '${k.root}/kernel/mm/damon/admin/kdamonds/0/state'`);
  // Optional files of directories a dry run never creates cannot be seen, so their
  // writes are the only ones missing from the real sequence.
  const optional = /refresh_ms|intervals_goal|addr_unit|apply_interval_us/;
  const want = golden('start-pageout.writes')
    .filter((w) => !optional.test(w))
    .map((w) => w.replace(/^W (\S+) <- '(.*)'$/, `write '$2' to '${k.root}/kernel/mm/damon/admin/$1'`));
  assert.deepEqual(lines, want);
  assert.deepEqual(k.takeWrites(), []);
  assert.equal(k.fs.read(`${KDAMONDS_DIR}/nr_kdamonds`).trim(), '0');
  assert.ok(!existsSync(started.file));
});

test('status reads a foreign kdamond without writing update commands to it', async () => {
  const k = makeFakeKernel();
  startForeignKdamond(k);
  const { c } = control(k);
  const ks = await c.status({ stats: true, tunedIntervals: true, quotas: true });
  assert.equal(ks[0].state, 'on');
  assert.deepEqual(k.takeWrites(), []);
});
