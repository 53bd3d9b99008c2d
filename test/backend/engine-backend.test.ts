// The engine backend with real daemon processes: start, status, commit, snapshots and
// stop, the refusals, and the daemon's safety nets (workload end, idle exit, stale files).
// Every daemon lives in a temporary state folder and is stopped in `finally`.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EngineBackend, type SimWorkload } from '../../src/backend/engine-backend.ts';
import { daemonPaths } from '../../src/backend/engine-daemon-protocol.ts';
import { builtinWorkload } from '../../src/engine/sim/builtin-workloads.ts';
import type { MasimConfig } from '../../src/engine/sim/masim-config.ts';
import { kdamondsFromOptions } from '../../src/model/damon-params-from-options.ts';
import type { Kdamond } from '../../src/model/damon-params.ts';
import { killEngineDaemons } from '../helpers/engine-daemons.ts';

const noRam = {
  defaultPaddrRegion: () => {
    throw new Error('no paddr here');
  },
  numaNodeRegions: () => {
    throw new Error('no paddr here');
  },
};

function kdamonds(args: Record<string, unknown>): Kdamond[] {
  return kdamondsFromOptions({ target_pid: ['0'], ...args }, noRam as never);
}

const STAIRS: SimWorkload = { name: 'sim:stairs', config: builtinWorkload('stairs')!, seed: 42 };

/** A workload that ends after `ms` of wall-clock time. */
function shortWorkload(ms: number): SimWorkload {
  const config: MasimConfig = {
    regions: [{ name: 'a', size: 4 << 20, initFile: null }],
    phases: [{ name: 'p', durationMs: ms, patterns: [{ region: 'a', random: false, stride: 4096, probability: 1, rwMode: 'wo' }] }],
  };
  return { name: 'sim:short', config, seed: 1 };
}

function stateDir(): string {
  return mkdtempSync(join(tmpdir(), 'damo-engine-'));
}

/** Kills whatever daemon a test left behind, and removes the folder. */
function cleanup(dir: string): void {
  killEngineDaemons(dir);
  rmSync(dir, { recursive: true, force: true });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, cond: () => boolean, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('start, status, commit, snapshots and stop of an engine kdamond', async () => {
  const dir = stateDir();
  const b = new EngineBackend({ stateDir: dir, sim: STAIRS, idleExitMs: 30000 });
  try {
    assert.deepEqual(await b.start(kdamonds({ damos_action: [['stat']] })), [0]);
    const [r] = b.running();
    assert.equal(r.idx, 0);
    assert.equal(r.info.workload, 'sim:stairs');
    assert.ok(alive(r.info.pid));
    await assert.rejects(b.start(kdamonds({})), /already runs kdamond 0 on sim:stairs/);

    await sleep(700);
    const [k] = await b.status({ stats: true, tunedIntervals: true, quotas: true });
    assert.equal(k.state, 'on');
    assert.equal(k.pid, String(r.info.pid));
    assert.equal(k.contexts[0].targets[0].pid, r.info.pid);
    assert.equal(k.contexts[0].ops, 'vaddr');
    const stats = k.contexts[0].schemes[0].stats!;
    assert.ok(stats.nrTried > 0n, 'the stat scheme has tried regions after 0.7 s');

    // The default snapshot is the last aggregation: the warm-up touches every step area.
    const [snap] = await b.snapshot();
    assert.equal(snap.kdamondIdx, 0);
    assert.equal(snap.intervals!.aggrUs, 100000n);
    const regions = snap.snapshots[0].regions;
    assert.ok(regions.length >= 3);
    assert.ok(regions.some((x) => (x.nrAccesses!.samples ?? 0) > 0), 'some region was accessed');
    const end = snap.snapshots[0].endTime as bigint;
    assert.ok(end > BigInt(Date.now() - 5000) * 1_000_000n && end <= BigInt(Date.now() + 1000) * 1_000_000n, 'snapshot time is wall-clock ns');
    for (let i = 1; i < regions.length; i++) {
      const [p, q] = [regions[i - 1], regions[i]];
      assert.ok(
        p.end !== q.start || p.nrAccesses!.samples !== q.nrAccesses!.samples || p.age!.aggrIntervals !== q.age!.aggrIntervals,
        'equal neighbours are merged',
      );
    }

    const [tried] = await b.snapshot({ triedRegionsOf: [0, 0, 0] });
    assert.equal(tried.schemeIdx, 0);
    assert.ok(tried.snapshots[0].damosStats!.nrTried > 0n);
    assert.ok(tried.snapshots[0].regions.length > 0);
    await assert.rejects(b.snapshot({ triedRegionsOf: [0, 0, 3] }), /no scheme 3/);
    await assert.rejects(b.snapshot({ triedRegionsOf: [1, 0, 0] }), /kdamond 1 is not running/);

    // commit: new intervals, and a second scheme (the kernel allows a new count on commit)
    assert.deepEqual(await b.commit(kdamonds({ aggr: ['200ms'], damos_action: [['stat'], ['pageout']] })), [0]);
    const [k2] = await b.status({ tunedIntervals: true });
    assert.equal(k2.contexts[0].intervals.aggrUs, 200000n);
    assert.deepEqual(
      k2.contexts[0].schemes.map((s) => s.action),
      ['stat', 'pageout'],
    );
    await assert.rejects(b.commit([...kdamonds({}), ...kdamonds({})]), /engine kdamond 1 is not running/);

    assert.deepEqual(await b.stop(), [0]);
    assert.ok(!alive(r.info.pid), 'the daemon exited');
    assert.deepEqual(b.running(), []);
    assert.ok(!existsSync(daemonPaths(dir, 0).socket), 'socket removed');
    await assert.rejects(b.stop(), /DAMON is not turned on/);
    await assert.rejects(b.snapshot(), /no kdamond running/);
    assert.deepEqual(await b.status(), []);
  } finally {
    cleanup(dir);
  }
});

test('bad parameters fail before any daemon starts', async () => {
  const dir = stateDir();
  try {
    const b = new EngineBackend({ stateDir: dir, sim: STAIRS });
    await assert.rejects(b.start(kdamonds({ sample: ['200ms'], aggr: ['100ms'] })), /sampling interval .* exceeds aggregation interval/);
    assert.deepEqual(b.running(), []);
    await assert.rejects(new EngineBackend({ stateDir: dir }).start(kdamonds({})), /simulated workloads only/);
    assert.equal(existsSync(daemonPaths(dir, 0).info), false);
  } finally {
    cleanup(dir);
  }
});

test('the daemon exits when its workload ends, and when no client comes', async () => {
  const dir = stateDir();
  try {
    const ends = new EngineBackend({ stateDir: dir, sim: shortWorkload(600), idleExitMs: 60000 });
    await ends.start(kdamonds({}));
    const pid = ends.running()[0].info.pid;
    await until('the workload end to stop the daemon', () => !alive(pid));
    assert.deepEqual(ends.running(), []);
    assert.match(readFileSync(daemonPaths(dir, 0).log, 'utf8'), /simulated workload ended/);

    const idle = new EngineBackend({ stateDir: dir, sim: STAIRS, idleExitMs: 400 });
    await idle.start(kdamonds({}));
    const pid2 = idle.running()[0].info.pid;
    await until('the idle limit to stop the daemon', () => !alive(pid2));
    assert.match(readFileSync(daemonPaths(dir, 0).log, 'utf8'), /no client/);
  } finally {
    cleanup(dir);
  }
});

test('files of a daemon that died are cleaned up, not taken for a running kdamond', async () => {
  const dir = stateDir();
  try {
    const b = new EngineBackend({ stateDir: dir, sim: STAIRS, idleExitMs: 30000 });
    await b.start(kdamonds({}));
    const pid = b.running()[0].info.pid;
    process.kill(pid, 'SIGKILL');
    await until('the killed daemon to go', () => !alive(pid));
    assert.ok(existsSync(daemonPaths(dir, 0).info), 'a killed daemon leaves its info file');
    assert.deepEqual(b.running(), []);
    assert.equal(existsSync(daemonPaths(dir, 0).info), false);
    // and a new start works over the leftovers
    writeFileSync(daemonPaths(dir, 0).socket, '');
    await b.start(kdamonds({}));
    assert.equal(b.running().length, 1);
    await b.stop();
  } finally {
    cleanup(dir);
  }
});
