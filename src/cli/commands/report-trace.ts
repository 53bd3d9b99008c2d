// `damo report trace`: the DAMON trace events of a recorded trace, one readable line
// each (spec/reports.md §16). Reads perf.data (via `perf script`), trace-cmd data (via
// `trace-cmd report`), or their text output, e.g. the `.trace` file of
// `damo record --do_record damon_trace_events`.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { UserError } from '../../base/user-error.ts';
import { TraceFormatter, isTraceOutputHeader, parseTraceLine, wrapLine } from '../../report/trace.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';
import { PERF_PATH_OPTION, runTool } from './report-profile.ts';

function fileHead(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new UserError(`cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The trace as text lines: binary perf/trace-cmd data goes through its own tool. */
async function traceText(path: string, perfPath: string): Promise<string> {
  const head = fileHead(path);
  if (head.subarray(0, 8).toString('latin1') === 'PERFILE2') {
    return runTool(perfPath, ['script', '--force', '-i', path], false, `${path} is perf.data, which needs perf to read (install it, or give --perf_path)`);
  }
  if (head.subarray(0, 10).toString('latin1') === '\x17\x08Dtracing') {
    return runTool('trace-cmd', ['report', '-i', path], false, `${path} is trace-cmd data, which needs trace-cmd to read`);
  }
  return readFileSync(path, 'utf8');
}

function maxCols(args: ParsedArgs): number {
  const text = String(args.max_cols).trim();
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UserError(`--max_cols takes a positive whole number, not '${text}'`);
  return Number(text);
}

async function run(args: ParsedArgs, ctx: CommandContext): Promise<void> {
  const cols = maxCols(args);
  if (args.input === null || args.input === undefined) {
    throw new UserError(
      "live tracing is not built yet in this damo; record the events with 'damo record --do_record damon_trace_events' (or perf/trace-cmd) and give the file with --input",
    );
  }
  const text = await traceText(String(args.input), String(args.perf_path));
  const fmt = new TraceFormatter();
  let out = '';
  let events = 0;
  for (const line of text.split('\n')) {
    if (isTraceOutputHeader(line)) continue;
    const ev = parseTraceLine(line);
    if (ev === null) continue;
    events++;
    if (args.raw) out += `${line}\n`;
    out += `${wrapLine(fmt.format(ev), cols)}\n`;
  }
  if (events === 0) throw new UserError(`${args.input} holds no trace event`);
  ctx.out(out);
}

export const reportTraceCommand: CommandSpec = {
  name: 'trace',
  summary: 'show the DAMON trace events of a record',
  description:
    'Show DAMON tracepoint events, one per line: time, process, event and its values, with addresses and sizes made readable. The input is perf.data or trace-cmd data (read through perf or trace-cmd), or their text output (perf script, trace-cmd report).',
  examples: [
    'damo report trace --input damon.data.trace  # the raw trace kept by damo record --do_record damon_trace_events',
    'perf script -i perf.data > t.txt && damo report trace --input t.txt --max_cols 200',
    'damo report trace --input t.txt --raw  # each original line above its readable form',
  ],
  options: [
    { flags: ['--input', '-i'], metavar: '<file>', help: 'trace to read (perf.data, trace-cmd data, or their text output)' },
    { flags: ['--max_cols'], metavar: '<columns>', default: '100', help: 'wrap lines longer than this' },
    { flags: ['--raw'], kind: 'flag', help: 'print each original tracer line before its readable form' },
    PERF_PATH_OPTION,
  ],
  run,
};
