// `damo record ongoing` (and `damo record` with no target) on engine kdamonds that
// `damo start sim:stairs` left running: full recordings, --snapshot captures, Ctrl+C, a stop
// while recording, and the refusals. Each test has its own DAMO_STATE_DIR, an empty stand-in
// for /sys (nothing here can reach the machine's DAMON), and kills its daemons in `finally`.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { toFloat } from '../../src/base/py-num.ts';
import { readRecordFile } from '../../src/formats/read-records.ts';
import { runDamo } from './run-command.ts';
import { killEngineDaemons } from '../helpers/engine-daemons.ts';

interface Env {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function isolated(): Env {
  return {
    env: {
      DAMO_STATE_DIR: mkdtempSync(join(tmpdir(), 'damo-state-')),
      DAMO_SYSFS_ROOT: mkdtempSync(join(tmpdir(), 'damo-nosys-')),
      DAMO_ENGINE_IDLE_EXIT_S: '60',
      PATH: process.env.PATH,
    },
    cwd: mkdtempSync(join(tmpdir(), 'damo-rec-')),
  };
}

function cleanup(e: Env): void {
  const dir = join(e.env.DAMO_STATE_DIR!, 'engine');
  killEngineDaemons(dir);
  for (const d of [e.env.DAMO_STATE_DIR!, e.env.DAMO_SYSFS_ROOT!, e.cwd]) rmSync(d, { recursive: true, force: true });
}

async function withEngine(f: (e: Env, damo: (...argv: string[]) => ReturnType<typeof runDamo>) => Promise<void>, start = ['sim:stairs']): Promise<void> {
  const e = isolated();
  const prev = process.cwd();
  process.chdir(e.cwd);
  const damo = (...argv: string[]) => runDamo(argv, e.env);
  try {
    if (start.length) {
      const s = await damo('start', ...start);
      assert.equal(s.code, 0, s.err);
    }
    await f(e, damo);
  } finally {
    process.chdir(prev);
    cleanup(e);
  }
}

const sec = (ns: unknown) => toFloat(ns as bigint) / 1e9;

test('record ongoing --timeout 2: every aggregation of about two seconds, and its side files', async () => {
  await withEngine(async (e, damo) => {
    const t0 = Date.now();
    const r = await damo('record', 'ongoing', '--timeout', '2', '--output_permission', '640');
    const took = Date.now() - t0;
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    assert.ok(took >= 1900 && took < 6000, `took ${took} ms`);

    const recs = await readRecordFile(join(e.cwd, 'damon.data'));
    assert.equal(recs.length, 1, 'one target');
    const [rec] = recs;
    assert.equal(rec.targetId, 0n);
    assert.equal(rec.intervals!.sampleUs, 5000n);
    assert.equal(rec.intervals!.aggrUs, 100000n);
    const snaps = rec.snapshots;
    // 100 ms aggregations over ~2 s
    assert.ok(snaps.length >= 15 && snaps.length <= 25, `${snaps.length} snapshots`);
    for (let i = 1; i < snaps.length; i++) {
      assert.ok(sec(snaps[i].startTime) > sec(snaps[i - 1].startTime), 'times increase');
      assert.equal(snaps[i].startTime, snaps[i - 1].endTime, 'no aggregation is missing');
    }
    const span = sec(snaps[snaps.length - 1].endTime) - sec(snaps[0].startTime);
    assert.ok(span > 1.6 && span < 2.8, `covers ${span} s`);
    assert.ok(Math.abs(sec(snaps[0].startTime) - t0 / 1000) < 1, 'wall-clock time axis');
    assert.ok(snaps.every((s) => s.sampleIntervalUs === 5000n));
    assert.equal(statSync(join(e.cwd, 'damon.data')).mode & 0o777, 0o640);

    // The .kdamonds file holds the running kdamond; side files one sample per second.
    const kd = JSON.parse(readFileSync(join(e.cwd, 'damon.data.kdamonds'), 'utf8')) as { state: string; contexts: { ops: string }[] }[];
    assert.equal(kd.length, 1);
    assert.equal(kd[0].state, 'on');
    assert.equal(kd[0].contexts[0].ops, 'vaddr');
    const mf = JSON.parse(readFileSync(join(e.cwd, 'damon.data.mem_footprint'), 'utf8')) as { time: number; footprints: { pid: number | null }[] }[];
    assert.ok(mf.length >= 2 && mf.length <= 4, `${mf.length} mem_footprint samples`);
    assert.equal(mf[0].footprints[mf[0].footprints.length - 1].pid, null, 'the system entry comes last');
    assert.ok(existsSync(join(e.cwd, 'damon.data.vmas')));
    assert.ok(existsSync(join(e.cwd, 'damon.data.proc_stats')));

    // The reports read it.
    const heat = await damo('report', 'heatmap', '--resol', '4', '10', '--output', 'raw');
    assert.equal(heat.code, 0, heat.err);
    assert.equal(heat.out.trim().split('\n').length, 40);
    const access = await damo('report', 'access', '--raw_number');
    assert.equal(access.code, 0, access.err);
    assert.match(access.out, /total size: \d+/);
    const fp = await damo('report', 'footprints');
    assert.equal(fp.code, 0, fp.err);

    // A second recording keeps the first as damon.data.old; no target means ongoing too.
    const again = await damo('record', '--timeout', '1', '--do_record', 'access');
    assert.equal(again.code, 0, again.err);
    assert.ok(existsSync(join(e.cwd, 'damon.data.old')));
    const second = await readRecordFile(join(e.cwd, 'damon.data'));
    assert.ok(second[0].snapshots.length >= 7);
    assert.ok(sec(second[0].snapshots[0].startTime) >= sec(snaps[snaps.length - 1].endTime));
  });
});

test('record ongoing --snapshot 0.5 3: three live snapshots, half a second apart', async () => {
  await withEngine(async (e, damo) => {
    await new Promise((r) => setTimeout(r, 300));
    const r = await damo('record', 'ongoing', '--snapshot', '0.5', '3', '-o', 'snap.data', '--output_type', 'json');
    assert.equal(r.code, 0, r.err);
    const recs = await readRecordFile(join(e.cwd, 'snap.data'));
    assert.equal(recs.length, 3);
    const ends = recs.map((x) => sec(x.snapshots[0].endTime));
    for (let i = 1; i < ends.length; i++) {
      const gap = ends[i] - ends[i - 1];
      assert.ok(gap > 0.3 && gap < 0.9, `captures ${gap} s apart`);
    }
    for (const x of recs) assert.ok(x.snapshots[0].regions.length >= 3);
    const access = await damo('report', 'access', '-i', 'snap.data', '--raw_number');
    assert.equal(access.code, 0, access.err);
    assert.equal([...access.out.matchAll(/total size: /g)].length, 3);
  }, ['sim:stairs', '--damos_action', 'stat']);
});

test('record ongoing --snapshot --schemes_target_regions: tried regions of the running scheme', async () => {
  await withEngine(async (e, damo) => {
    const r = await damo('record', 'ongoing', '--snapshot', '0.2', '2', '--schemes_target_regions', '--do_record', 'access');
    assert.equal(r.code, 0, r.err);
    const recs = await readRecordFile(join(e.cwd, 'damon.data'));
    assert.equal(recs.length, 2);
    for (const x of recs) {
      assert.equal(x.schemeIdx, 0);
      assert.ok(x.snapshots[0].damosStats !== null);
    }
  }, ['sim:stairs', '--damos_action', 'stat']);
});

test('Ctrl+C ends an ongoing recording, which still saves, with exit status 2', async () => {
  await withEngine(async (e, damo) => {
    const recording = damo('record', 'ongoing', '--do_record', 'access');
    await new Promise((r) => setTimeout(r, 1200));
    process.emit('SIGINT', 'SIGINT');
    const r = await recording;
    assert.equal(r.code, 2);
    assert.match(r.err, /signal 2 received/);
    const recs = await readRecordFile(join(e.cwd, 'damon.data'));
    assert.ok(recs[0].snapshots.length >= 8, `${recs[0].snapshots.length} snapshots`);
  });
});

test('stopping the engine ends the recording with everything aggregated until the stop', async () => {
  await withEngine(async (e, damo) => {
    const recording = damo('record', 'ongoing', '--do_record', 'access');
    await new Promise((r) => setTimeout(r, 1500));
    const stopAt = Date.now();
    const stop = await damo('stop');
    assert.equal(stop.code, 0, stop.err);
    const r = await recording;
    assert.equal(r.code, 0, r.err);
    const snaps = (await readRecordFile(join(e.cwd, 'damon.data')))[0].snapshots;
    for (let i = 1; i < snaps.length; i++) assert.equal(snaps[i].startTime, snaps[i - 1].endTime);
    const lastEnd = sec(snaps[snaps.length - 1].endTime);
    assert.ok(lastEnd > stopAt / 1000 - 0.25, `the tail up to the stop is kept (last end ${lastEnd}, stop ${stopAt / 1000})`);
  });
});

test('the tuned sampling interval of each aggregation is kept', async () => {
  await withEngine(
    async (e, damo) => {
      const r = await damo('record', '--timeout', '2', '--do_record', 'access', '-o', 'tuned.data');
      assert.equal(r.code, 0, r.err);
      const [rec] = await readRecordFile(join(e.cwd, 'tuned.data'));
      const sis = new Set(rec.snapshots.map((s) => s.sampleIntervalUs));
      assert.ok(sis.size >= 2, `the goal tunes the sampling interval (${[...sis].join(', ')})`);
      assert.equal(rec.intervals!.sampleUs, 5000n, 'the record keeps the intervals the kdamond was started with');
    },
    ['sim:stairs', '--monitoring_intervals_goal', '50%', '2', '1ms', '100ms'],
  );
});

test('a workload that ends ends the recording, with its last aggregations', async () => {
  const cfg = join(mkdtempSync(join(tmpdir(), 'damo-cfg-')), 'short.cfg');
  // one region, one phase of 1.2 s
  writeFileSync(cfg, 'a, 4000000\n\nonly a\n1200\na, 0, 4096, 1\n');
  try {
    await withEngine(
      async (e, damo) => {
        const t0 = Date.now();
        const r = await damo('record', 'ongoing', '--do_record', 'access', '--timeout', '20');
        assert.equal(r.code, 0, r.err);
        assert.ok(Date.now() - t0 < 5000, 'did not wait for the timeout');
        const snaps = (await readRecordFile(join(e.cwd, 'damon.data')))[0].snapshots;
        assert.ok(snaps.length >= 6, `${snaps.length} snapshots`);
        for (let i = 1; i < snaps.length; i++) assert.equal(snaps[i].startTime, snaps[i - 1].endTime);
      },
      [`sim:${cfg}`],
    );
  } finally {
    rmSync(dirname(cfg), { recursive: true, force: true });
  }
});

test('record ongoing refusals: nothing running, perf-only outputs, engine with a real target', async () => {
  await withEngine(async (_e, damo) => {
    const none = await damo('record', 'ongoing', '--backend', 'engine');
    assert.equal(none.code, 1);
    assert.match(none.err, /DAMON is not turned on: no engine kdamond runs/);
    const pid = await damo('record', '1234', '--backend', 'engine');
    assert.equal(pid.code, 1);
    assert.match(pid.err, /'1234' needs the kernel/);
  }, []);
  await withEngine(async (e, damo) => {
    for (const [argv, message] of [
      [['--output_type', 'perf_data'], /perf_data is perf's own file/],
      [['--do_record', 'cpu_profile'], /cpu_profile needs perf/],
      [['--output_permission', '999'], /wrong --output permission/],
      [['--schemes_target_regions'], /with --snapshot only/],
    ] as [string[], RegExp][]) {
      const r = await damo('record', 'ongoing', '--timeout', '1', ...argv);
      assert.equal(r.code, 1, argv.join(' '));
      assert.match(r.err, message);
      assert.equal(r.err.split('\n').length, 2, r.err);
    }
    assert.ok(!existsSync(join(e.cwd, 'damon.data')));
  });
});
