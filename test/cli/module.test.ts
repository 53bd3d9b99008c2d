// damo module / reclaim / lru_sort on a folder standing in for /sys with DAMON module
// parameter files: never the machine's /sys/module.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setFsWrapperForTests } from '../../src/cli/damon-kernel-args.ts';
import { RootedFs } from '../../src/kernel/fs.ts';
import { runDamo } from './run-command.ts';
import { FakeModuleFs, LRU_SORT_DEFAULTS, RECLAIM_DEFAULTS, STAT_DEFAULTS, makeModuleTree } from './module-fake-kernel.ts';

let fake: FakeModuleFs | null = null;
let stuck = false;
setFsWrapperForTests((fs) => {
  if (!(fs instanceof RootedFs)) return fs; // dry runs and loggers wrap the emulator's view only via reads
  fake = new FakeModuleFs(fs.root, stuck);
  return fake;
});

function setup(mods: Record<string, Record<string, string>> = { reclaim: RECLAIM_DEFAULTS, lru_sort: LRU_SORT_DEFAULTS, stat: STAT_DEFAULTS }) {
  fake = null;
  const root = makeModuleTree(mods);
  const env = { DAMO_SYSFS_ROOT: root, DAMO_MODULE_TIMEOUT_S: '0.5', PATH: process.env.PATH };
  const param = (m: string, p: string) => readFileSync(join(root, 'module', `damon_${m}`, 'parameters', p), 'utf8').trim();
  return { root, env, param };
}

test('reclaim status lists every parameter as name: value, sorted', async () => {
  const { env } = setup();
  const r = await runDamo(['reclaim'], env);
  assert.equal(r.code, 0, r.err);
  const want = Object.keys(RECLAIM_DEFAULTS)
    .sort()
    .map((k) => `${k}: ${RECLAIM_DEFAULTS[k]}\n`)
    .join('');
  assert.equal(r.out, want);
  assert.equal((await runDamo(['reclaim', 'status'], env)).out, want);
});

test('reclaim enable writes the options in kernel units, then N, then Y, and waits for a kdamond', async () => {
  const { env, param } = setup();
  const r = await runDamo(
    ['reclaim', 'enable', '--min_age', '30s', '--quota', '10ms', '128M', '1s', '--wmarks', '5000000', '500', '400', '200', '--skip_anon'],
    env,
  );
  assert.deepEqual([r.code, r.err, r.out], [0, '', '']);
  assert.deepEqual(fake!.writes, [
    'damon_reclaim/parameters/min_age <- 30000000',
    'damon_reclaim/parameters/quota_ms <- 10',
    'damon_reclaim/parameters/quota_sz <- 134217728',
    'damon_reclaim/parameters/quota_reset_interval_ms <- 1000',
    'damon_reclaim/parameters/wmarks_interval <- 5000000',
    'damon_reclaim/parameters/wmarks_high <- 500',
    'damon_reclaim/parameters/wmarks_mid <- 400',
    'damon_reclaim/parameters/wmarks_low <- 200',
    'damon_reclaim/parameters/skip_anon <- Y',
    'damon_reclaim/parameters/enabled <- N',
    'damon_reclaim/parameters/enabled <- Y',
  ]);
  assert.equal(param('reclaim', 'enabled'), 'Y');
  assert.notEqual(param('reclaim', 'kdamond_pid'), '-1');
  assert.equal(param('reclaim', 'min_age'), '30000000');
});

test('reclaim commit hands new parameters to the running module; refuses when it is off', async () => {
  const { env, param } = setup();
  let r = await runDamo(['reclaim', 'commit', '--min_age', '5000000'], env);
  assert.equal(r.code, 1);
  assert.match(r.err, /damon_reclaim is not enabled/);
  assert.equal(param('reclaim', 'min_age'), '120000000', 'nothing written before the refusal');
  assert.equal((await runDamo(['reclaim', 'enable'], env)).code, 0);
  r = await runDamo(['reclaim', 'commit', '--min_age', '5000000', '--nr_regions', '20', '2,000'], env);
  assert.deepEqual([r.code, r.err], [0, '']);
  assert.deepEqual(fake!.writes, [
    'damon_reclaim/parameters/min_age <- 5000000',
    'damon_reclaim/parameters/min_nr_regions <- 20',
    'damon_reclaim/parameters/max_nr_regions <- 2000',
    'damon_reclaim/parameters/commit_inputs <- Y',
  ]);
  assert.equal(param('reclaim', 'commit_inputs'), 'N');
  r = await runDamo(['reclaim', 'disable'], env);
  assert.equal(r.code, 0);
  assert.equal(param('reclaim', 'kdamond_pid'), '-1');
});

test('a module that does not answer the handshake gives one line after the timeout', async () => {
  const { env } = setup();
  stuck = true;
  try {
    const r = await runDamo(['reclaim', 'enable'], env);
    assert.equal(r.code, 1);
    assert.equal(r.err, "damon_reclaim's kdamond start (kdamond_pid other than -1) did not happen within 0.5 s\n");
  } finally {
    stuck = false;
  }
});

test('bad values and misplaced options are refused before any write', async () => {
  const { env } = setup();
  let r = await runDamo(['reclaim', 'enable', '--min_age', 'soon'], env);
  assert.equal(r.code, 1);
  assert.equal(r.err, "damo: --min_age: cannot read 'soon' for min_age\n");
  assert.deepEqual((fake as FakeModuleFs | null)?.writes ?? [], []);
  r = await runDamo(['reclaim', 'status', '--min_age', '5s'], env);
  assert.match(r.err, /applied by 'enable' or 'commit'/);
  r = await runDamo(['lru_sort', 'enable', '--quota', '10', '128M', '1000'], env);
  assert.notEqual(r.code, 0, 'lru_sort --quota takes two values');
});

test('a kernel without the module says so, naming the modules it has', async () => {
  const { env } = setup({ stat: STAT_DEFAULTS });
  const r = await runDamo(['reclaim'], env);
  assert.equal(r.code, 1);
  assert.match(r.err, /^damo: DAMON module damon_reclaim is not in this kernel \(.*module\/damon_reclaim\/parameters is missing\); modules here: stat\n$/);
});

test('lru_sort enable and status', async () => {
  const { env, param } = setup();
  const r = await runDamo(['lru_sort', 'enable', '--hot_thres_access_freq', '80%', '--cold_min_age', '2m', '--monitor_intervals', '10ms', '200ms'], env);
  assert.deepEqual([r.code, r.err], [0, '']);
  assert.equal(param('lru_sort', 'hot_thres_access_freq'), '800');
  assert.equal(param('lru_sort', 'cold_min_age'), '120000000');
  assert.equal(param('lru_sort', 'sample_interval'), '10000');
  assert.equal(param('lru_sort', 'aggr_interval'), '200000');
  assert.equal(param('lru_sort', 'enabled'), 'Y');
  const st = await runDamo(['lru_sort'], env);
  assert.match(st.out, /^enabled: Y$/m);
});

test('module: list, read, write, enable and disable of any DAMON module', async () => {
  const { env, param } = setup();
  assert.equal((await runDamo(['module', 'list'], env)).out, 'lru_sort\nreclaim\nstat\n');
  let r = await runDamo(['module', 'stat', 'read', 'memory_idle_ms_percentiles', 'enabled'], env);
  assert.equal(r.out, 'memory_idle_ms_percentiles: 0,0,0\nenabled: N\n');
  r = await runDamo(['module', 'damon_stat'], env);
  assert.equal(r.out.split('\n').length - 1, Object.keys(STAT_DEFAULTS).length);
  r = await runDamo(['module', 'stat', 'write', 'aggr_interval_us', '200000', 'enabled', 'Y'], env);
  assert.deepEqual([r.code, r.err], [0, '']);
  assert.equal(param('stat', 'aggr_interval_us'), '200000');
  assert.equal(param('stat', 'enabled'), 'Y');
  // damon_stat has no kdamond_pid: disable only switches it off.
  assert.equal((await runDamo(['module', 'stat', 'disable'], env)).code, 0);
  assert.equal(param('stat', 'enabled'), 'N');
  r = await runDamo(['module', 'stat', 'write', 'no_such', '1'], env);
  assert.equal(r.code, 1);
  assert.match(r.err, /damon_stat has no parameter 'no_such'/);
  r = await runDamo(['module', 'stat', 'write', 'enabled'], env);
  assert.match(r.err, /<parameter> <value> pairs/);
  r = await runDamo(['module', '../../etc', 'read'], env);
  assert.match(r.err, /is not a DAMON module name/);
  assert.equal((await runDamo(['module', 'reclaim', 'enable'], env)).code, 0);
  assert.notEqual(param('reclaim', 'kdamond_pid'), '-1');
});

test('--dry_run prints the writes and changes nothing', async () => {
  const { env, param } = setup();
  const r = await runDamo(['reclaim', 'enable', '--min_age', '1s', '--dry_run'], env);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^write '1000000' to '.*damon_reclaim\/parameters\/min_age'\nwrite 'N' to '.*enabled'\nwrite 'Y' to '.*enabled'\n$/);
  assert.equal(param('reclaim', 'min_age'), '120000000');
  assert.equal(param('reclaim', 'enabled'), 'N');
});
