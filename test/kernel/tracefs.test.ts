// The tracefs reader: trace_pipe lines become perf-script lines our reader parses, and a
// DAMON trace instance is made, enabled, read, turned off and removed on a tracefs emulator.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UserError } from '../../src/base/user-error.ts';
import { parseTraceText } from '../../src/formats/perf-script-reader.ts';
import { DamonTraceInstance, Tracefs, tracePipeToPerfScript, tracefsRootFor } from '../../src/kernel/tracefs.ts';
import { FakeTracefs } from './tracefs-fake.ts';

const fresh = () => FakeTracefs.create(mkdtempSync(join(tmpdir(), 'damo-tracefs-')));

test('trace_pipe lines, with or without the flags and tgid columns, become perf script lines', () => {
  assert.equal(
    tracePipeToPerfScript('       kdamond.0-129062 [005] ..... 101005.778382: damon_aggregated: target_id=0 nr_regions=11 8360624128-8371830784: 0 974'),
    'kdamond.0 129062 [005] 101005.778382: damon:damon_aggregated: target_id=0 nr_regions=11 8360624128-8371830784: 0 974',
  );
  assert.equal(
    tracePipeToPerfScript('kdamond.0-12015 [096]  5653.356782: damon_monitor_intervals_tune: sample_us=1234'),
    'kdamond.0 12015 [096] 5653.356782: damon:damon_monitor_intervals_tune: sample_us=1234',
  );
  assert.equal(
    tracePipeToPerfScript('  my-proc-1-77 (     77) [000] d..1. 12.000001: damos_before_apply: ctx_idx=0 scheme_idx=0 target_idx=0 nr_regions=2 1-2: 0 3'),
    'my-proc-1 77 [000] 12.000001: damon:damos_before_apply: ctx_idx=0 scheme_idx=0 target_idx=0 nr_regions=2 1-2: 0 3',
  );
  assert.equal(tracePipeToPerfScript('CPU 1 is empty'), null);
  assert.equal(tracePipeToPerfScript(''), null);
});

test('a trace instance enables only its events, hands over complete lines, then turns off and goes away', () => {
  const fs = fresh();
  const inst = DamonTraceInstance.open(fs, ['damon_aggregated', 'damon_monitor_intervals_tune'], 'damo-test');
  const dir = fs.path('instances/damo-test');
  assert.equal(readFileSync(join(dir, 'events/damon/damon_aggregated/enable'), 'utf8'), '1');
  assert.equal(readFileSync(join(dir, 'events/damon/damos_before_apply/enable'), 'utf8').trim(), '0');
  assert.equal(readFileSync(join(dir, 'buffer_size_kb'), 'utf8'), '4096');
  assert.deepEqual(inst.poll(), []);

  fs.emit('damon_aggregated', ['target_id=0 nr_regions=2 4096-8192: 3 1', 'target_id=0 nr_regions=2 8192-16384: 0 5'], 10.5);
  fs.emit('damos_before_apply', ['ctx_idx=0 scheme_idx=0 target_idx=0 nr_regions=1 1-2: 0 3'], 10.55); // not enabled
  // A line cut in the middle waits for its end.
  appendFileSync(join(dir, 'trace_pipe'), '       kdamond.0-4242    [001] ..... 10.600000: damon_aggr');
  const first = inst.poll();
  assert.deepEqual(first, [
    'kdamond.0 4242 [001] 10.500000: damon:damon_aggregated: target_id=0 nr_regions=2 4096-8192: 3 1',
    'kdamond.0 4242 [001] 10.500000: damon:damon_aggregated: target_id=0 nr_regions=2 8192-16384: 0 5',
  ]);
  appendFileSync(join(dir, 'trace_pipe'), 'egated: target_id=0 nr_regions=1 4096-16384: 1 2\n');
  const last = inst.close();
  assert.deepEqual(last, ['kdamond.0 4242 [001] 10.600000: damon:damon_aggregated: target_id=0 nr_regions=1 4096-16384: 1 2']);
  assert.deepEqual(fs.removed, ['damo-test']);
  assert.equal(inst.leftBehind, null);
  assert.deepEqual(inst.close(), [], 'closing twice does nothing');

  const recs = parseTraceText([...first, ...last].join('\n'));
  assert.equal(recs.length, 1);
  assert.deepEqual(
    recs[0].snapshots.map((s) => [s.endTime, s.regions.map((r) => `${r.start}-${r.end}`)]),
    [
      [10500000000n, ['4096-8192', '8192-16384']],
      [10600000000n, ['4096-16384']],
    ],
  );
  rmSync(fs.root, { recursive: true });
});

test('the events on offer are read from available_events; a missing tracefs is one clear error', () => {
  const fs = fresh();
  assert.deepEqual(fs.availableDamonEvents().slice(0, 2), ['damon_aggregated', 'damos_before_apply']);
  const none = new Tracefs(join(fs.root, 'nowhere'));
  assert.throws(() => none.availableDamonEvents(), (e: unknown) => e instanceof UserError && /is tracefs mounted/.test((e as Error).message));
  assert.throws(() => DamonTraceInstance.open(none, ['damon_aggregated']), (e: unknown) => e instanceof UserError && /no instances folder/.test((e as Error).message));
  // An instance of that name exists already: refused, and the existing one is left alone.
  fs.makeInstance('taken');
  assert.throws(() => DamonTraceInstance.open(fs, ['damon_aggregated'], 'taken'), /cannot create the tracefs instance .*EEXIST/);
  assert.deepEqual(fs.removed, []);
  rmSync(fs.root, { recursive: true });
});

test('the tracefs root: DAMO_TRACEFS_ROOT, else under a stand-in sysfs root; the real one is refused in tests', () => {
  assert.equal(tracefsRootFor({ DAMO_TRACEFS_ROOT: '/x/t' }, '/y'), '/x/t');
  assert.equal(tracefsRootFor({}, '/y/sys'), '/y/sys/kernel/tracing');
  assert.throws(() => new Tracefs('/sys/kernel/tracing'), /refusing/);
});
