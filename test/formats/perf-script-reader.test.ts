// perf-script / trace-cmd text: line grammar and grouping of spec/records.md §3.4.2-3.4.3.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseTraceText, traceFields, traceTimeToNs } from '../../src/formats/perf-script-reader.ts';
import { readRecordFile } from '../../src/formats/read-records.ts';

const perf = (ts: string, rest: string) => `       kdamond.0  4452 [000] ${ts}: damon:damon_aggregated: ${rest}`;

test('tokenising perf and trace-cmd lines the same way', () => {
  assert.deepEqual(traceFields(perf('82820.952659', 'target_id=1 nr_regions=8 10-20: 0')), [
    '82820.952659:',
    'damon:damon_aggregated:',
    'target_id=1',
    'nr_regions=8',
    '10-20:',
    '0',
  ]);
  assert.deepEqual(traceFields('kdamond.0-129062 [005] ..... 101005.778382: damon_aggregated:     target_id=0 nr_regions=11 1-2: 0 974'), [
    '101005.778382:',
    'damon_aggregated:',
    'target_id=0',
    'nr_regions=11',
    '1-2:',
    '0',
    '974',
  ]);
  assert.deepEqual(traceFields('kdamond.0-12015 [096]  5653.356782: damon_aggregated:     target_id=0 nr_regions=52 4-10: 0 10')?.[0], '5653.356782:');
  assert.equal(traceFields('CPU 1 is empty'), null); // upstream crashes here
  assert.equal(traceFields('cpus=8'), null);
});

test('timestamps become ns through a double, as int(float(ts) * 1e9)', () => {
  assert.equal(traceTimeToNs('82820.952659', 1), 82820952659000n);
  assert.equal(traceTimeToNs('1745091985.873302', 1), 1745091985873302016n);
});

test('snapshots group by nr_regions; the first start is the mean snapshot length back', () => {
  const text = [
    perf('10.000000', 'target_id=5 nr_regions=2 0-4096: 1 3'),
    perf('10.000001', 'target_id=5 nr_regions=2 4096-8192: 2 4'),
    perf('10.100000', 'target_id=5 nr_regions=1 0-8192: 0 0'),
    perf('10.250000', 'target_id=5 nr_regions=1 0-8192: 7 1'),
  ].join('\n');
  const [r] = parseTraceText(text);
  assert.equal(r.targetId, 5n);
  assert.equal(r.intervals, null);
  assert.equal(r.snapshots.length, 3);
  assert.deepEqual(
    r.snapshots.map((s) => [s.startTime, s.endTime, s.regions.length, s.totalBytes]),
    [
      [10e9 - 125000000, 10000000000n, 2, 8192n],
      [10000000000n, 10100000000n, 1, 8192n],
      [10100000000n, 10250000000n, 1, 8192n],
    ],
  );
  assert.deepEqual(r.snapshots[0].regions[1].nrAccesses, { samples: 2, percent: null });
  assert.deepEqual(r.snapshots[0].regions[1].age, { usec: null, aggrIntervals: 4n });
});

test('trace-cmd lines, old kernels without age, damos_before_apply and intervals tuning', () => {
  const text = [
    'version = 6',
    'CPU 1 is empty',
    'kthreadd  264573 [003] 9.000000: damon:damon_monitor_intervals_tune: sample_us=1234',
    'kdamond.0-1 [005] ..... 10.000000: damon_aggregated:     target_id=0 nr_regions=1 100-200: 3',
    'kdamond.0-1 [005] ..... 11.000000: damon_aggregated:     target_id=0 nr_regions=1 100-200: 4 9',
  ].join('\n');
  const [r] = parseTraceText(text);
  assert.equal(r.snapshots.length, 2);
  assert.deepEqual(r.snapshots[0].regions[0].age, { usec: null, aggrIntervals: null });
  assert.equal(r.snapshots[1].regions[0].age?.aggrIntervals, 9n);
  assert.equal(r.snapshots[0].sampleIntervalUs, 1234n); // upstream loses it (§3.4.3)

  const apply = (ts: string, tidx: number, range: string) =>
    `kdamond.0  4452 [000] ${ts}: damon:damos_before_apply: ctx_idx=0 scheme_idx=0 target_idx=${tidx} nr_regions=3 ${range}: 5 136`;
  const five = [1, 2, 3, 4, 5].map((i) => apply(`80801.0${i}`, 0, `${i * 10}-${i * 10 + 5}`)).join('\n');
  const [a] = parseTraceText(five);
  assert.equal(a.targetId, 0n);
  assert.deepEqual(a.snapshots.map((s) => s.regions.length), [3, 2]); // upstream's count-based grouping
  assert.equal(a.snapshots[0].regions[0].age?.aggrIntervals, 136n);
});

test('a fake end snapshot gives a lone snapshot its length and is removed', () => {
  const text = [
    'kdamond.x xxxx xxxx 1745091985.873302: damon:damon_aggregated: target_id=None nr_regions=1 4096-8192: 3 None',
    'kdamond.x xxxx xxxx 1745091985.973302: damon:damon_aggregated: target_id=None nr_regions=1 0-0: -1 -1',
  ].join('\n');
  const [r] = parseTraceText(text);
  assert.equal(r.targetId, null); // upstream's writer puts None; its reader cannot read it back
  assert.equal(r.snapshots.length, 1);
  const s = r.snapshots[0];
  assert.equal(s.endTime, 1745091985873302016n);
  assert.equal(typeof s.startTime, 'number');
  assert.ok(Math.abs(Number(s.endTime) - (s.startTime as number) - 1e8) < 1e3);
  assert.deepEqual(s.regions[0].age, { usec: null, aggrIntervals: null });
});

test('every record gets a first start, not only those before a one-snapshot record', () => {
  const text = [
    perf('1.0', 'target_id=1 nr_regions=1 0-10: 0 0'),
    perf('1.0', 'target_id=2 nr_regions=1 0-10: 0 0'),
    perf('1.5', 'target_id=2 nr_regions=1 0-10: 0 0'),
  ].join('\n');
  const [one, two] = parseTraceText(text);
  assert.equal(one.snapshots[0].startTime, 1000000000n - 100000000n); // DAMON's default 100 ms
  assert.equal(two.snapshots[0].startTime, 0.5e9);
});

test('targets interleaving inside a snapshot do not mix records', () => {
  const text = [
    perf('1.0', 'target_id=1 nr_regions=2 0-10: 0 0'),
    perf('1.0', 'target_id=2 nr_regions=1 0-10: 0 0'),
    perf('1.1', 'target_id=1 nr_regions=1 0-10: 0 0'),
  ].join('\n');
  const [one, two] = parseTraceText(text);
  assert.deepEqual(one.snapshots.map((s) => s.regions.length), [1, 1]);
  assert.deepEqual(two.snapshots.map((s) => s.regions.length), [1]);
});

test('errors name the file and the line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'damo-trace-'));
  const p1 = join(dir, 'unsorted.script');
  writeFileSync(p1, [perf('2.0', 'target_id=1 nr_regions=1 0-10: 0 0'), perf('1.0', 'target_id=1 nr_regions=1 0-10: 0 0')].join('\n'));
  await assert.rejects(readRecordFile(p1), /unsorted\.script: line 2: trace is not time-sorted/);
  const p2 = join(dir, 'badnum.script');
  writeFileSync(p2, perf('2.0', 'target_id=1 nr_regions=1 0-1x0: 0 0') + '\n');
  await assert.rejects(readRecordFile(p2), /badnum\.script: line 1: cannot read '1x0' as an address/);
  const p3 = join(dir, 'nothing.txt');
  writeFileSync(p3, 'hello world\nthis is text\n');
  assert.deepEqual(await readRecordFile(p3), []); // text without DAMON events: no records
  rmSync(dir, { recursive: true, force: true });
});
