// `damo monitor`: watch a target's access pattern as it goes (spec/control.md §1.8): start
// DAMON for it (or use what runs, 'ongoing'), then again and again collect live snapshots for
// --delay seconds and print a report of them; finally turn off what it started.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../../backend/backend.ts';
import { toFloat } from '../../base/py-num.ts';
import { UserError } from '../../base/user-error.ts';
import { writeRecordFile } from '../../formats/write-records.ts';
import type { DamonRecord } from '../../model/record.ts';
import { BACKEND_OPTION, SEED_OPTION, backendForRunning } from '../backend-choice.ts';
import { kernelOptions } from '../damon-kernel-args.ts';
import { damonParamOptions } from '../damon-param-options.ts';
import { DamonSession } from '../damon-session.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';
import { parseCommandLine } from '../parse-args.ts';
import { reportHeatmapCommand } from './report-heatmap.ts';
import { reportHolisticCommand } from './report-holistic.ts';
import { reportWssCommand } from './report-wss.ts';
import { positiveSeconds } from '../time-args.ts';

/**
 * A report of a record file, through the report command's own option table. wss keeps every
 * snapshot: a round is a few seconds, so its usual warm-up skip (20) would leave nothing.
 */
async function report(type: string, file: string, ctx: CommandContext): Promise<void> {
  const [spec, argv] =
    type === 'wss'
      ? [reportWssCommand, ['--input', file, '--exclude_samples', '0']]
      : type === 'holistic'
        ? [reportHolisticCommand, ['--access_pattern', file]]
        : [reportHeatmapCommand, ['--input', file]];
  const { path, args } = parseCommandLine({ name: 'damo report', summary: '', subcommands: [spec] }, [spec.name, ...argv]);
  await path[path.length - 1].run!(args, ctx);
}

const keyOf = (r: DamonRecord) => `${r.kdamondIdx}/${r.contextIdx}/${r.schemeIdx}/${r.targetId}`;

/** Live snapshots taken every `everyMs` for `ms`, one record per kdamond/context/target. */
async function collect(backend: Backend, ms: number, everyMs: number, stop: () => boolean): Promise<DamonRecord[]> {
  const byKey = new Map<string, DamonRecord>();
  const end = Date.now() + ms;
  while (!stop()) {
    const t = Date.now();
    for (const r of await backend.snapshot()) {
      const have = byKey.get(keyOf(r));
      if (!have) {
        byKey.set(keyOf(r), { ...r, snapshots: [...r.snapshots] });
        continue;
      }
      // The engine answers with its last finished aggregation: one seen already adds nothing.
      const last = have.snapshots[have.snapshots.length - 1];
      for (const s of r.snapshots) if (toFloat(s.endTime) > toFloat(last.endTime)) have.snapshots.push(s);
    }
    const left = end - Date.now();
    if (left <= 0) break;
    await sleepUnless(Math.min(left, Math.max(0, everyMs - (Date.now() - t))), stop);
  }
  return [...byKey.values()];
}

async function sleepUnless(ms: number, stop: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!stop() && Date.now() < until) await new Promise((r) => setTimeout(r, Math.min(50, until - Date.now())));
}

async function aggregationMs(backend: Backend): Promise<number> {
  const ks = await backend.status();
  const us = ks[0]?.contexts[0]?.intervals.aggrUs;
  return us === undefined ? 100 : Math.max(100, toFloat(us) / 1000);
}

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const target = args.target as string;
  const delayMs = positiveSeconds(args.delay as string, '--delay') * 1000;
  const countText = String(args.count);
  if (!/^\d+$/.test(countText)) throw new UserError(`--count: '${countText}' is not a whole number`);
  const count = Number(countText);
  const type = args.report_type as string;

  const ongoing = target === 'ongoing';
  const session = ongoing ? null : await DamonSession.start(args, ctx, target);
  if (session?.dryRun) return 0;
  const backend = session ? session.backend : backendForRunning(args, ctx);
  let signalled: number | null = null;
  const onInt = () => (signalled = 2);
  const onTerm = () => (signalled = 15);
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const dir = mkdtempSync(join(tmpdir(), 'damo-monitor-'));
  const ended = () => signalled !== null || (session !== null && session.ended());
  try {
    const everyMs = await aggregationMs(backend);
    for (let i = 0; count === 0 || i < count; i++) {
      const records = await collect(backend, delayMs, everyMs, ended);
      if (signalled !== null) break;
      const file = join(dir, `round-${i}.data`);
      if (records.some((r) => r.snapshots.length > 0)) {
        await writeRecordFile(file, records, 'json_compressed');
        await report(type, file, ctx);
        rmSync(file, { force: true });
      }
      if (ended()) break;
    }
  } finally {
    process.removeListener('SIGINT', onInt);
    process.removeListener('SIGTERM', onTerm);
    rmSync(dir, { recursive: true, force: true });
    if (session) await session.finish(ctx);
  }
  return signalled ?? 0;
}

export const monitorCommand: CommandSpec = {
  name: 'monitor',
  summary: 'repeat recording and reporting the data accesses of a target',
  description:
    "Start DAMON for a target (or use the running one: 'ongoing'), then every --delay seconds print a report of the access " +
    'snapshots taken meanwhile, --count times (0: until Ctrl+C or the target ends). DAMON started here is turned off at the end. ' +
    "'sim:<workload>' targets run on the built-in engine, at wall-clock speed.",
  examples: [
    'damo monitor sim:stairs --delay 5               # a heatmap of a simulated workload every 5 seconds',
    'damo monitor paddr --report_type wss --count 10',
    'damo monitor ongoing --report_type wss          # what the running DAMON sees',
    'damo monitor "./my-workload"',
  ],
  positionals: [
    {
      name: 'target',
      metavar: '<target>',
      help: "what to monitor: a command, a process id, paddr, sim:<workload>, or 'ongoing' for the DAMON that runs",
    },
  ],
  options: [
    { flags: ['--report_type'], choices: ['heats', 'wss', 'holistic'], default: 'heats', metavar: '{heats,wss,holistic}', help: 'report to print (heats: the heatmap)' },
    { flags: ['--delay'], metavar: '<seconds>', default: '3', help: 'time each report covers' },
    { flags: ['--count'], metavar: '<number>', default: '0', help: 'number of reports (0: no limit)' },
    ...damonParamOptions(true),
    ...kernelOptions(),
    BACKEND_OPTION,
    SEED_OPTION,
  ],
  run,
};
