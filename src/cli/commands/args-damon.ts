// `damo args damon`: print the DAMON parameters (kdamonds JSON/YAML, or the report
// text) that the given options describe, without touching DAMON (spec/control.md §1.6).
import { writeFileAtomicSync } from '../../base/atomic-file.ts';
import { UserError } from '../../base/user-error.ts';
import { pyJsonDumps } from '../../base/py-json.ts';
import { dumpPyYaml } from '../../formats/py-yaml.ts';
import { loadKdamonds } from '../../formats/kdamonds-load.ts';
import { kdamondsReportText } from '../../formats/kdamonds-report-text.ts';
import { kdamondsParamsToKv } from '../../formats/kdamonds-to-kv.ts';
import type { Kdamond } from '../../model/damon-params.ts';
import { DAMON_INTERFACE_OPTION, DEBUG_DAMON_OPTION, damonParamOptions } from '../damon-param-options.ts';
import { kdamondsForArgs } from '../damon-target-args.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';

function readFileKdamonds(path: string, option: string): Kdamond[] {
  const ks = loadKdamonds(path);
  if (ks === null) throw new UserError(`${option}: '${path}' holds no kdamonds parameters`);
  return ks;
}

function indexIn(ks: Kdamond[], text: string, option: string): number {
  const idx = Number(text);
  if (!/^\d+$/.test(text) || idx >= ks.length) {
    throw new UserError(`${option}: kdamond index '${text}' is not one of 0..${ks.length - 1}`);
  }
  return idx;
}

export function formatKdamondsParams(ks: Kdamond[], format: string, raw: boolean, omitDefaults: boolean): string {
  // Built parameters have no state, stats or tried regions, so only the effective size shows.
  if (format === 'report') return kdamondsReportText(ks, { raw });
  const kv = kdamondsParamsToKv(ks, { raw, omitDefaults });
  if (format === 'yaml') return dumpPyYaml(kv).replace(/\n$/, '');
  return pyJsonDumps(kv);
}

function run(args: ParsedArgs, ctx: CommandContext): number {
  const format = args.format as string;
  if (args.out && format === 'report') throw new UserError("--out works with the json and yaml formats, not 'report'");
  let ks = kdamondsForArgs(args, (args.target as string | null) ?? null, ctx);
  if (typeof args.add === 'string') ks = [...readFileKdamonds(args.add, '--add'), ...ks];
  if (Array.isArray(args.remove)) {
    const [file, idx] = args.remove as string[];
    const base = readFileKdamonds(file, '--remove');
    const i = indexIn(base, idx, '--remove');
    ks = base.filter((_, k) => k !== i);
  }
  if (Array.isArray(args.replace)) {
    const [file, idx] = args.replace as string[];
    const base = readFileKdamonds(file, '--replace');
    base[indexIn(base, idx, '--replace')] = ks[0];
    ks = base;
  }
  const text = formatKdamondsParams(ks, format, Boolean(args.raw), Boolean(args.omit_defaults));
  if (typeof args.out === 'string') writeFileAtomicSync(args.out, text);
  else ctx.out(`${text}\n`);
  return 0;
}

export const argsDamonCommand: CommandSpec = {
  name: 'damon',
  summary: 'print the DAMON parameters (kdamonds JSON/YAML) the given options describe',
  description:
    "Build the full DAMON parameters from the same options and target that 'damo start' takes, and print them " +
    "as JSON (default), YAML or readable text. Feed the output back with 'damo start --kdamonds <file>'. DAMON itself is not touched.",
  examples: [
    'damo args damon --damos_action pageout --damos_age 5s max --format yaml',
    'damo args damon 1234 --regions "4K-1M"   # a process, fixed regions (fvaddr)',
    'damo args damon --damos_action stat --out params.json && damo start --kdamonds params.json',
  ],
  positionals: [
    {
      name: 'target',
      nargs: '?',
      metavar: '<deducible string>',
      help: 'what to monitor: a process id, paddr, or kdamonds parameters (JSON/YAML text or file)',
    },
  ],
  options: [
    ...damonParamOptions(false),
    { flags: ['--format'], choices: ['json', 'yaml', 'report'], default: 'json', help: 'output format' },
    { flags: ['--raw'], kind: 'flag', help: 'print numbers without units or thousands separators' },
    { flags: ['--add'], metavar: '<file>', help: 'put the kdamonds of this parameters file before the new ones' },
    {
      flags: ['--remove'],
      nargs: 2,
      metavar: ['<file>', '<kdamond index>'],
      help: 'print the kdamonds of this file without the one at the index',
    },
    {
      flags: ['--replace'],
      nargs: 2,
      metavar: ['<file>', '<kdamond index>'],
      help: 'print the kdamonds of this file, the one at the index replaced by the new kdamond',
    },
    { flags: ['--out'], metavar: '<file>', help: 'write to this file instead of stdout (json and yaml only)' },
    { flags: ['--omit_defaults'], kind: 'flag', help: 'leave out blocks that equal their defaults' },
    DEBUG_DAMON_OPTION,
    DAMON_INTERFACE_OPTION,
  ],
  run,
};
