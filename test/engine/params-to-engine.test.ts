// DAMON parameters -> engine config: units converted as the kernel write path converts them
// (spec/control.md §3.5, §6.2), narrowed to the kernel's u32 pattern fields.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../src/base/user-error.ts';
import { contextToEngineConfig, schemeToEngine } from '../../src/engine/params-to-engine.ts';
import { DamonEngine } from '../../src/engine/engine.ts';
import { accessPatternInKernelUnits } from '../../src/kernel/stage-kdamonds.ts';
import { kdamondsFromOptions } from '../../src/model/damon-params-from-options.ts';
import { defaultContext, defaultScheme } from '../../src/model/damon-params.ts';
import { MasimWorkload } from '../../src/engine/sim/masim-workload.ts';
import { BUILTIN_WORKLOADS } from '../../src/engine/sim/builtin-workloads.ts';

const ENV = { defaultPaddrRegion: () => ({ start: 4096n, end: 1n << 30n }), numaNodeRegions: () => [] };

function ctxOf(args: Record<string, unknown>) {
  return kdamondsFromOptions(args, ENV)[0].contexts[0];
}

test('the spec example: 0%..0% access rate, age 5 s..max, quotas 100ms 1G 1s', () => {
  const c = ctxOf({ damos_action: [['pageout']], damos_access_rate: [['0%', '0%']], damos_age: [['5s', 'max']], damos_quotas: [['100ms', '1G', '1s']] });
  const e = contextToEngineConfig(c);
  const s = e.schemes[0];
  assert.equal(s.action, 'pageout');
  // sysfs gets 0/0 samples and 50..184467440737095 aggregations (5 s / 100 ms; max / 100 ms,
  // float-rounded); the kernel's u32 age field keeps the low 32 bits of the latter.
  assert.equal(s.pattern.minNrAccesses, 0);
  assert.equal(s.pattern.maxNrAccesses, 0);
  assert.equal(s.pattern.minAge, 50);
  assert.equal(s.pattern.maxAge, Number(184467440737095n & 0xffffffffn));
  assert.equal(s.pattern.minSz, 0);
  assert.equal(s.pattern.maxSz, 2 ** 64);
  assert.deepEqual(
    { ms: s.quota.ms, sz: s.quota.sz, reset: s.quota.resetIntervalMs },
    { ms: 100, sz: 1073741824, reset: 1000 },
  );
  assert.equal(e.attrs.sampleUs, 5000);
  assert.equal(e.attrs.aggrUs, 100000);
  assert.equal(e.ops, 'paddr');
  assert.deepEqual(e.targets, [{ regions: [{ start: 4096, end: 1 << 30 }] }]);
});

test('percent to samples uses the context intervals and truncates (int(p * aggr/sample / 100))', () => {
  // 10 ms / 200 ms: 20 samples per aggregation. 33% -> int(6.6) = 6; 50% -> 10.
  // age 1 s / 200 ms = 5 aggregations; 1.1 s -> int(5.5) = 5.
  const c = ctxOf({
    monitoring_intervals: [['10ms', '200ms', '1s']],
    damos_action: [['stat']],
    damos_access_rate: [['33%', '50%']],
    damos_age: [['1s', '1.1s']],
  });
  const p = contextToEngineConfig(c).schemes[0].pattern;
  assert.deepEqual([p.minNrAccesses, p.maxNrAccesses, p.minAge, p.maxAge], [6, 10, 5, 5]);
});

test('agrees with the kernel staging arithmetic for a spread of patterns', () => {
  const cases: [string, string, string, string][] = [
    ['0', '100', '0', 'max'],
    ['5%', '95%', '100ms', '3s'],
    ['0.5%', 'max', '1.5s', '1m'],
    ['99.9%', '100%', '0', '0'],
  ];
  for (const [a0, a1, g0, g1] of cases) {
    const c = ctxOf({ monitoring_intervals: [['7ms', '130ms', '2s']], damos_action: [['cold']], damos_access_rate: [[a0, a1]], damos_age: [[g0, g1]] });
    const k = accessPatternInKernelUnits(c.schemes[0].accessPattern, c.intervals);
    const p = contextToEngineConfig(c).schemes[0].pattern;
    const u32 = (v: bigint) => Number(v & 0xffffffffn);
    assert.deepEqual(
      [p.minNrAccesses, p.maxNrAccesses, p.minAge, p.maxAge],
      [u32(k.nrAccesses[0]), u32(k.nrAccesses[1]), u32(k.age[0]), u32(k.age[1])],
      `${a0} ${a1} ${g0} ${g1}`,
    );
  }
});

test('patterns read back in samples / aggr_intervals pass through unchanged', () => {
  const s = defaultScheme();
  s.accessPattern = { ...s.accessPattern, nrAccesses: { min: 3n, max: 7n }, nrAccessesUnit: 'samples', age: { min: 2n, max: 9n }, ageUnit: 'aggr_intervals' };
  const iv = defaultContext().intervals;
  const p = schemeToEngine(s, iv).pattern;
  assert.deepEqual([p.minNrAccesses, p.maxNrAccesses, p.minAge, p.maxAge], [3, 7, 2, 9]);
});

test('filters, watermarks, weights, goals and apply interval carry over', () => {
  const c = ctxOf({
    damos_action: [['migrate_hot', '1']],
    damos_quotas: [['10ms', '1G', '1s', '2', '3', '5']],
    damos_quota_goal: [['user_input', '1000', '10']],
    damos_wmarks: [['free_mem_rate', '1s', '800', '500', '100']],
    damos_filter: [['allow', 'none', 'target', '0'], ['reject', 'young'], ['reject', 'addr', '4096', '8192'], ['allow', 'hugepage_size', '2M', '2M']],
    damos_apply_interval: ['2s'],
  });
  const s = contextToEngineConfig(c).schemes[0];
  assert.equal(s.action, 'migrate_hot');
  assert.equal(s.targetNid, 1);
  assert.equal(s.applyIntervalUs, 2000000);
  assert.deepEqual([s.quota.weightSz, s.quota.weightNrAccesses, s.quota.weightAge], [2, 3, 5]);
  assert.deepEqual(s.quota.goals, [{ metric: 'user_input', targetValue: 1000, currentValue: 10, nid: 0 }]);
  assert.deepEqual(s.wmarks, { metric: 'free_mem_rate', intervalUs: 1000000, high: 800, mid: 500, low: 100 });
  assert.deepEqual(s.filters, [
    { type: 'target', matching: false, allow: true, targetIdx: 0 },
    { type: 'young', matching: true, allow: false },
    { type: 'addr', matching: true, allow: false, addrStart: 4096, addrEnd: 8192 },
    { type: 'hugepage_size', matching: true, allow: true, minSz: 2 << 20, maxSz: 2 << 20 },
  ]);
});

test('what the engine cannot do is a user error, not a crash', () => {
  const c = ctxOf({ damos_action: [['stat']] });
  c.schemes[0].action = 'collapse';
  assert.throws(() => contextToEngineConfig(c), (e: unknown) => e instanceof UserError && /collapse/.test((e as Error).message));
  const c2 = ctxOf({ damos_action: [['stat']], damos_quotas: [['10ms', '1G', '1s']], damos_quota_goal: [['node_eligible_mem_bp', '10', '0']] });
  assert.throws(() => contextToEngineConfig(c2), UserError);
  const c3 = ctxOf({});
  c3.intervals.sampleUs = 5000.5; // a fractional µs count cannot be written to sysfs either
  assert.throws(() => contextToEngineConfig(c3), UserError);
});

test('the converted config runs: a pageout scheme for idle memory pages out a simulated workload', () => {
  const c = ctxOf({ ops: ['vaddr'], target_pid: ['1'], damos_action: [['pageout']], damos_access_rate: [['0%', '0%']], damos_age: [['1s', 'max']] });
  const cfg = contextToEngineConfig(c);
  const wl = new MasimWorkload(BUILTIN_WORKLOADS.stairs(), { seed: 1 });
  const eng = new DamonEngine(cfg, wl, { seed: 1 });
  eng.runUntil(20e6);
  const st = eng.schemes[0].stats;
  // stairs touches one region at a time, so most of its memory idles over 1 s: pageout applies.
  assert.ok(st.nrApplied > 0n, `applied ${st.nrApplied}`);
  assert.ok(st.szApplied > 0n);
});
