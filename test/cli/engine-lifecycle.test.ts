// `damo start sim:stairs`, report damon, report access (live), tune and stop through the CLI,
// on the engine backend: no root, a temporary DAMO_STATE_DIR, and an empty stand-in for
// /sys so that nothing here can reach the machine's DAMON. Daemons are killed in `finally`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { runDamo } from './run-command.ts';
import { engineDaemonPids, killEngineDaemons } from '../helpers/engine-daemons.ts';

function isolatedEnv(): NodeJS.ProcessEnv {
  return {
    DAMO_STATE_DIR: mkdtempSync(join(tmpdir(), 'damo-state-')),
    DAMO_SYSFS_ROOT: mkdtempSync(join(tmpdir(), 'damo-nosys-')),
    DAMO_ENGINE_IDLE_EXIT_S: '60',
    PATH: process.env.PATH,
  };
}

function daemonPids(env: NodeJS.ProcessEnv): number[] {
  return engineDaemonPids(join(env.DAMO_STATE_DIR!, 'engine'));
}

function cleanup(env: NodeJS.ProcessEnv): void {
  killEngineDaemons(join(env.DAMO_STATE_DIR!, 'engine'));
  rmSync(env.DAMO_STATE_DIR!, { recursive: true, force: true });
  rmSync(env.DAMO_SYSFS_ROOT!, { recursive: true, force: true });
}

async function inEmptyDir<T>(f: () => Promise<T>): Promise<T> {
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'damo-cwd-'));
  process.chdir(dir);
  try {
    return await f();
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}

test('start sim:stairs, report damon, report access, tune, stop', async () => {
  const env = isolatedEnv();
  try {
    const start = await runDamo(['start', 'sim:stairs', '--damos_action', 'stat'], env);
    assert.equal(start.err, '');
    assert.equal(start.code, 0);
    assert.equal(start.out, '');
    const [pid] = daemonPids(env);
    assert.ok(pid > 0);

    const again = await runDamo(['start', 'sim:stairs'], env);
    assert.equal(again.code, 1);
    assert.match(again.err, /already runs kdamond 0 on sim:stairs/);

    const status = await runDamo(['report', 'damon'], env);
    assert.equal(status.code, 0, status.err);
    assert.match(status.out, new RegExp(`^kdamond 0\n    state: on, pid: ${pid}\n`));
    assert.match(status.out, /ops: vaddr/);
    assert.match(status.out, /action: stat/);
    const json = JSON.parse((await runDamo(['report', 'damon', '--format', 'json'], env)).out) as { state: string; pid: string }[];
    assert.equal(json.length, 1);
    assert.equal(json[0].state, 'on');
    assert.equal(json[0].pid, String(pid));

    await new Promise((r) => setTimeout(r, 600));
    const access = await inEmptyDir(() => runDamo(['report', 'access', '--raw_number'], env));
    assert.equal(access.code, 0, access.err);
    assert.match(access.out, /total size: \d+/);
    const rates = [...access.out.matchAll(/access ([\d.]+) age/g)].map((m) => Number(m[1]));
    assert.ok(rates.length >= 3, access.out);
    assert.ok(rates.some((r) => r > 0), 'the warm-up phase shows accessed regions');

    const tried = await inEmptyDir(() => runDamo(['report', 'access', '--input', 'tried_regions_of', '0', '0', '0'], env));
    assert.equal(tried.code, 0, tried.err);
    assert.match(tried.out, /total size: /);
    const noScheme = await runDamo(['report', 'access', '--input', 'tried_regions_of', '0', '0', '5'], env);
    assert.match(noScheme.err, /no scheme 5/);

    const tune = await runDamo(['tune', '--aggr', '200ms', '--damos_action', 'stat'], env);
    assert.equal(tune.code, 0, tune.err);
    assert.match((await runDamo(['report', 'damon'], env)).out, /intervals: sample 5 ms, aggr 200 ms, update 1 s/);

    const stop = await runDamo(['stop'], env);
    assert.equal(stop.code, 0, stop.err);
    assert.deepEqual(daemonPids(env), []);
    assert.throws(() => process.kill(pid, 0), 'the daemon is gone');
    assert.equal((await runDamo(['report', 'damon'], env)).out, '');
    const stop2 = await runDamo(['stop'], env);
    assert.equal(stop2.code, 1);
    assert.match(stop2.err, /DAMON is not turned on/);
    const none = await inEmptyDir(() => runDamo(['report', 'access'], env));
    assert.equal(none.code, 1);
    assert.match(none.err, /no \.\/damon\.data here and no DAMON running/);
  } finally {
    cleanup(env);
  }
});

test('backend choice: what auto needs, and what each backend refuses', async () => {
  const env = isolatedEnv();
  try {
    const cases: [string[], RegExp][] = [
      [['start', '1'], /needs the kernel's DAMON, and .*kdamonds is missing .*sim:stairs/],
      [['start', 'paddr'], /needs the kernel's DAMON/],
      [['start', 'sim:stairs', '--backend', 'kernel'], /simulated workload, which runs on the engine backend/],
      [['start', 'paddr', '--backend', 'engine'], /engine backend monitors simulated workloads only/],
      [['start', 'sim:stairs', '--dry_run'], /--dry_run is for the kernel's DAMON/],
      [['start', 'sim:nosuch'], /no built-in workload of that name/],
      [['start', 'sim:stairs', '--ops', 'paddr'], /use vaddr or fvaddr/],
      [['start', 'sim:stairs', '--target_pid', '3'], /--target_pid cannot be used with a simulated target/],
      [['start', 'sim:stairs', '--seed', 'x'], /--seed/],
      [['tune', '--aggr', '200ms', '--backend', 'engine'], /DAMON is not turned on/],
    ];
    for (const [argv, message] of cases) {
      const r = await runDamo(argv, env);
      assert.equal(r.code, 1, argv.join(' '));
      assert.match(r.err, message, argv.join(' '));
      assert.equal(r.err.split('\n').length, 2, r.err);
    }
    assert.deepEqual(daemonPids(env), [], 'no refused start left a daemon');
  } finally {
    cleanup(env);
  }
});

test('the bundled ./damo runs the daemon from dist/', () => {
  const env = isolatedEnv();
  const damo = resolve(import.meta.dirname, '../../damo');
  const run = (...argv: string[]) => spawnSync(damo, argv, { env, encoding: 'utf8', cwd: env.DAMO_SYSFS_ROOT });
  try {
    const start = run('start', 'sim:zigzag');
    assert.equal(start.status, 0, start.stderr);
    assert.match(run('report', 'damon', '--kdamonds_summary').stdout, /^0\tstate: on, pid: \d+\n$/);
    assert.equal(run('stop').status, 0);
    assert.deepEqual(daemonPids(env), []);
  } finally {
    cleanup(env);
  }
});
