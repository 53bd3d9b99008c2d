// `report trace` (spec/reports.md §16) on tracer text written here.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TraceFormatter, parseTraceLine, wrapLine } from '../../../src/report/trace.ts';
import { runDamo } from '../../cli/run-command.ts';
import { tempDir } from '../wss/run-command.ts';

const OLD_PERF = '       kdamond.0  4452 [000] 82820.952659: damon:damon_aggregated: target_id=18446623435582458880 nr_regions=8 94253027950592-94253031862272: 0';

test("spec's sample: old kernel (no age -> -1), wrapped at 100 columns", () => {
  const ev = parseTraceLine(OLD_PERF)!;
  assert.deepEqual([ev.ts, ev.proc, ev.event], ['82820.952659', 'kdamond.0/4452', 'damon:damon_aggregated']);
  // 94253027950592 B = 85.722630 TiB; the region is 3,911,680 B = 3.730469 MiB.
  const line = new TraceFormatter().format(ev);
  assert.equal(line, '82820.952659 kdamond.0/4452 damon:damon_aggregated 18446623435582458880 0/8 85.722630 TiB (3.730469 MiB) 0 -1');
  // The first 99 columns end with '(3.730469'; ' MiB)' would make 104.
  assert.equal(
    wrapLine(line, 100),
    '82820.952659 kdamond.0/4452 damon:damon_aggregated 18446623435582458880 0/8 85.722630 TiB (3.730469\n   MiB) 0 -1',
  );
});

test('region index counts within each snapshot of a target, trace-cmd lines included', () => {
  const f = new TraceFormatter();
  const lines = [
    'kdamond.0-129062 [005] ..... 101005.778382: damon_aggregated:     target_id=0 nr_regions=2 4096-8192: 3 7',
    'kdamond.0-129062 [005] ..... 101005.778383: damon_aggregated:     target_id=0 nr_regions=2 8192-12288: 0 9',
    'kdamond.0-12015 [096]  5653.356782: damon_aggregated:     target_id=0 nr_regions=2 4096-8192: 1 1',
  ];
  assert.deepEqual(
    lines.map((l) => f.format(parseTraceLine(l)!)),
    [
      '101005.778382 kdamond.0/129062 damon:damon_aggregated 0 0/2 4.000000 KiB (4.000000 KiB) 3 7',
      '101005.778383 kdamond.0/129062 damon:damon_aggregated 0 1/2 8.000000 KiB (4.000000 KiB) 0 9',
      '5653.356782 kdamond.0/12015 damon:damon_aggregated 0 0/2 4.000000 KiB (4.000000 KiB) 1 1',
    ],
  );
});

test('damos_before_apply, stat after apply interval, other events, non-events', () => {
  const f = new TraceFormatter();
  const fmt = (l: string) => f.format(parseTraceLine(l)!);
  // 121932607488 B = 113.558590 GiB; the size 135128711168 - 121932607488 = 13196103680 B = 12.289829 GiB
  assert.equal(
    fmt('kdamond.0  4452 [000] 80801.060214: damon:damos_before_apply: ctx_idx=0 scheme_idx=1 target_idx=0 nr_regions=11 121932607488-135128711168: 0 136'),
    '80801.060214 kdamond.0/4452 damon:damos_before_apply 0 1 0 11 113.558590 GiB (12.289829 GiB) 0 136',
  );
  assert.equal(
    fmt('kdamond.0  4452 [000] 80801.1: damon:damos_stat_after_apply_interval: ctx_idx=0 scheme_idx=0 nr_tried=5 sz_tried=4096 nr_applied=2 sz_applied=8192 qt_exceeds=1'),
    '80801.1 kdamond.0/4452 damon:damos_stat_after_apply_interval 0 0 5 4096 2 8192 -1 1 -1',
  );
  assert.equal(
    fmt('kthreadd  264573 [003] 93211.464138: damon:damon_monitor_intervals_tune: sample_us=1234'),
    '93211.464138 kthreadd/264573 damon:damon_monitor_intervals_tune sample_us=1234',
  );
  assert.equal(parseTraceLine('CPU 1 is empty'), null);
  assert.equal(parseTraceLine('# some comment line here'), null);
});

test('command: text input with damo header, --raw, --max_cols; clear errors', async () => {
  const dir = tempDir('damo-trace-');
  const file = join(dir, 't.txt');
  writeFileSync(
    file,
    [
      'damo_report_trace_output_format_version: 0',
      'damo_report_trace_output_time: 1000',
      'damo_report_trace_output_tracer: perf',
      'kdamond.0  129062 [004] 100952.251360: damon:damon_aggregated: target_id=0 nr_regions=1 8359534592-8371830784: 0 505',
      '',
    ].join('\n'),
  );
  // 8359534592 B = 7.785423 GiB; 12296192 B = 11.726562 MiB
  const expected = '100952.251360 kdamond.0/129062 damon:damon_aggregated 0 0/1 7.785423 GiB (11.726562 MiB) 0 505';
  const r = await runDamo(['report', 'trace', '--input', file]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, `${expected}\n`);
  const raw = await runDamo(['report', 'trace', '--input', file, '--raw', '--max_cols', '60']);
  assert.equal(
    raw.out,
    'kdamond.0  129062 [004] 100952.251360: damon:damon_aggregated: target_id=0 nr_regions=1 8359534592-8371830784: 0 505\n' +
      '100952.251360 kdamond.0/129062 damon:damon_aggregated 0 0/1\n   7.785423 GiB (11.726562 MiB) 0 505\n',
  );
  writeFileSync(join(dir, 'empty.txt'), 'nothing here\n');
  const empty = await runDamo(['report', 'trace', '--input', join(dir, 'empty.txt')]);
  assert.equal(empty.code, 1);
  assert.match(empty.err, /holds no trace event/);
  const live = await runDamo(['report', 'trace']);
  assert.equal(live.code, 1);
  assert.match(live.err, /live tracing is not built yet/);
});

test('command: perf.data goes through perf script', async () => {
  const dir = tempDir('damo-trace-perf-');
  const data = join(dir, 'perf.data');
  writeFileSync(data, 'PERFILE2 and then binary');
  const perf = join(dir, 'fake-perf');
  writeFileSync(perf, `#!/bin/sh\n[ "$1 $2 $3" = "script --force -i" ] || exit 9\necho '${OLD_PERF}'\n`);
  chmodSync(perf, 0o755);
  const r = await runDamo(['report', 'trace', '--input', data, '--perf_path', perf, '--max_cols', '200']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '82820.952659 kdamond.0/4452 damon:damon_aggregated 18446623435582458880 0/8 85.722630 TiB (3.730469 MiB) 0 -1\n');
  const noPerf = await runDamo(['report', 'trace', '--input', data, '--perf_path', join(dir, 'absent')]);
  assert.match(noPerf.err, /is perf.data, which needs perf/);
});
