// `damo report damon` (formerly `damo status`): the running kdamonds with their
// parameters, statistics and tried regions, or a parameters file's kdamonds
// (spec/control.md §1.5, layouts of §8).
import { execFileSync } from 'node:child_process';
import { UserError } from '../../base/user-error.ts';
import { formatTimeMs } from '../../base/units.ts';
import { type PyJson, pyJsonDumps } from '../../base/py-json.ts';
import { dumpPyYaml } from '../../formats/py-yaml.ts';
import { loadKdamonds } from '../../formats/kdamonds-load.ts';
import { kdamondsReportText } from '../../formats/kdamonds-report-text.ts';
import { kdamondToKv } from '../../formats/kdamonds-to-kv.ts';
import { damonModuleStates } from '../../kernel/damon-modules.ts';
import { accessPatternIsDefault, quotaIsDefault, watermarksAreDefault } from '../../model/damon-params-compare.ts';
import type { DamosStats, Kdamond } from '../../model/damon-params.ts';
import { DAMOS_STAT_FIELDS, type DamosStatField, damosStatsToKv } from '../../model/damos-stats-kv.ts';
import { kernelOptions } from '../damon-kernel-args.ts';
import { BACKEND_OPTION, backendForRunning, isKernelBackend } from '../backend-choice.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';

function cpuUsage(pid: string | null): string {
  if (pid === null || pid === '-1') return '0.0';
  try {
    const out = execFileSync('ps', ['-p', pid, '-o', '%cpu'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim().split('\n')[1]?.trim() ?? 'error';
  } catch {
    return 'error';
  }
}

function dump(v: PyJson, format: string): string {
  return format === 'yaml' ? dumpPyYaml(v).replace(/\n$/, '') : pyJsonDumps(v);
}

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const format = (args.format as string | null) ?? (args.json ? 'json' : 'report');
  const raw = Boolean(args.raw);
  const fromFile = typeof args.input_file === 'string';
  const backend = fromFile ? null : backendForRunning(args, ctx);
  const paramsMode = Boolean(args.damon_params || args.damon_params_omit_defaults);
  const readPlain = async (): Promise<Kdamond[]> => {
    if (fromFile) {
      const ks = loadKdamonds(args.input_file as string);
      if (ks === null) throw new UserError(`--input_file ${args.input_file as string} holds no kdamonds parameters`);
      return ks;
    }
    return backend!.status({});
  };
  const emit = (text: string) => {
    if (text !== '') ctx.out(`${text}\n`);
  };

  if (paramsMode) {
    const ks = await readPlain();
    const omit = Boolean(args.damon_params_omit_defaults);
    if (format === 'report') {
      emit(
        kdamondsReportText(ks, {
          raw,
          paramsOnly: true,
          omitDefaults: omit
            ? {
                accessPattern: (s) => accessPatternIsDefault(s.accessPattern),
                quotas: (s) => quotaIsDefault(s.quotas),
                watermarks: (s) => watermarksAreDefault(s.watermarks),
              }
            : undefined,
        }),
      );
    } else {
      emit(dump(ks.map((k) => kdamondToKv(k, { raw, paramsOnly: true, omitDefaults: omit })), format));
    }
    return 0;
  }
  if (args.kdamonds_summary) {
    const ks = await readPlain();
    const lines = ks.map((k, i) => {
      let s = `state: ${k.state ?? 'off'}, pid: ${k.pid ?? 'None'}`;
      if (Number(k.refreshMs) !== 0) s += `, stats refresh per: ${formatTimeMs(k.refreshMs, raw)}`;
      if (args.show_cpu_usage) s += `, cpu usage: ${cpuUsage(k.pid)}`;
      return { i, s };
    });
    if (format === 'report') emit(lines.map(({ i, s }) => `${i}\t${s}`).join('\n'));
    else emit(dump(lines.map(({ s }) => s), format));
    return 0;
  }
  if (args.damos_stats) {
    const ks = fromFile ? await readPlain() : await backend!.status({ stats: true });
    const fields: readonly DamosStatField[] = Array.isArray(args.damos_stat_fields) ? (args.damos_stat_fields as DamosStatField[]) : DAMOS_STAT_FIELDS;
    const entries: { at: { kdamond: number; context: number; scheme: number }; stats: DamosStats }[] = [];
    ks.forEach((k, ki) =>
      k.contexts.forEach((c, ci) =>
        c.schemes.forEach((s, si) => {
          if (s.stats) entries.push({ at: { kdamond: ki, context: ci, scheme: si }, stats: s.stats });
        }),
      ),
    );
    if (format === 'report') {
      const blocks = entries.map(({ at, stats }) => {
        const kv = damosStatsToKv(stats, raw);
        const body = fields.length === 1 ? kv[fields[0]] : fields.map((f) => `${f}: ${kv[f]}`).join('\n');
        return entries.length > 1 ? `kdamond ${at.kdamond} / context ${at.context} / scheme ${at.scheme}\n${body}\n` : body;
      });
      emit(blocks.join('\n').replace(/\n$/, ''));
    } else {
      const v: PyJson = entries.map(({ at, stats }) => {
        const kv = damosStatsToKv(stats, raw);
        return [
          { kdamond: BigInt(at.kdamond), context: BigInt(at.context), scheme: BigInt(at.scheme) },
          Object.fromEntries(fields.map((f) => [f, kv[f]])),
        ];
      });
      emit(dump(v, format));
    }
    return 0;
  }
  const ks = fromFile ? await readPlain() : await backend!.status({ stats: true, tunedIntervals: true, quotas: true });
  if (args.omit_damos_tried_regions) {
    for (const k of ks) for (const c of k.contexts) for (const s of c.schemes) s.triedRegions = null;
  }
  if (format === 'report') {
    const cpu = args.show_cpu_usage ? (k: Kdamond) => `, cpu usage: ${cpuUsage(k.pid)}` : undefined;
    let text = kdamondsReportText(ks, { raw, stateSuffix: cpu });
    if (backend && isKernelBackend(backend)) {
      const mods = damonModuleStates(backend.control.d.fs).map((m) => `${m.name}: ${m.on ? 'on' : 'off'}`);
      if (mods.length > 0) text = text === '' ? mods.join('\n') : `${text}\n${mods.join('\n')}`;
    }
    emit(text);
  } else {
    emit(dump(ks.map((k) => kdamondToKv(k, { raw })), format));
  }
  return 0;
}

export const reportDamonCommand: CommandSpec = {
  name: 'damon',
  summary: 'show the status of running DAMON',
  description:
    'Show the running kdamonds: state, parameters (access patterns in the kernel units), DAMOS statistics and tried regions. ' +
    "With --input_file, show a parameters file ('damo args damon' output) instead.",
  examples: [
    'damo report damon',
    'damo report damon --damos_stats --damos_stat_fields sz_applied',
    'damo report damon --format json',
    'damo report damon --damon_params --input_file params.json',
  ],
  options: [
    { flags: ['--format'], choices: ['json', 'yaml', 'report'], help: 'output format (default: report)' },
    { flags: ['--json'], kind: 'flag', hidden: true, help: 'same as --format json' },
    { flags: ['--raw'], kind: 'flag', help: 'print numbers without units or thousands separators' },
    { flags: ['--show_cpu_usage'], kind: 'flag', help: "also show each kdamond's CPU usage" },
    { flags: ['--kdamonds_summary'], kind: 'flag', help: 'one line per kdamond: state and pid' },
    { flags: ['--damos_stats'], kind: 'flag', help: 'only the DAMOS statistics of each scheme' },
    {
      flags: ['--damos_stat_fields'],
      nargs: '+',
      choices: ['nr_tried', 'sz_tried', 'nr_applied', 'sz_applied', 'qt_exceeds'],
      metavar: '<stat field name>',
      help: 'statistics to show with --damos_stats',
    },
    { flags: ['--omit_damos_tried_regions'], kind: 'flag', help: 'leave out the DAMOS tried regions' },
    { flags: ['--damon_params'], kind: 'flag', help: 'only the parameters' },
    { flags: ['--damon_params_omit_defaults'], kind: 'flag', help: 'only the parameters, without blocks equal to defaults' },
    { flags: ['--input_file'], metavar: '<file>', help: 'show this parameters file instead of the running DAMON' },
    ...kernelOptions({ dryRun: false }),
    BACKEND_OPTION,
  ],
  run,
};
