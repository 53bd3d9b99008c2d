// `damo features`: the DAMON features of this kernel, by upstream's names
// (spec/control.md §1.7, §7). Found by reading the sysfs tree and the kernel
// version; unlike upstream, nothing is written and no cache file is kept.
import { pyJsonDumps } from '../../base/py-json.ts';
import { FEATURES, inferDamonVersion } from '../../kernel/features.ts';
import { kernelBackendFor, kernelOptions } from '../damon-kernel-args.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';

function run(args: ParsedArgs, ctx: CommandContext): number {
  const have = kernelBackendFor(args, ctx, false).features();
  const names = [...new Set(FEATURES.map(([n]) => n))].sort();
  const kind = (args.type as string | null) ?? 'all';
  let lines: string[];
  if (kind === 'json') lines = [pyJsonDumps(Object.fromEntries(names.map((n) => [n, have.has(n)])))];
  else if (kind === 'supported') lines = names.filter((n) => have.has(n));
  else if (kind === 'unsupported') lines = names.filter((n) => !have.has(n));
  else lines = names.map((n) => `${n}: ${have.has(n) ? 'Supported' : 'Unsupported'}`);
  if (args.infer_version) lines.push(`Seems the version of DAMON is ${inferDamonVersion(have)}`);
  ctx.out(`${lines.join('\n')}\n`);
  return 0;
}

export const featuresCommand: CommandSpec = {
  name: 'features',
  summary: 'list the DAMON features this kernel supports',
  description:
    'List DAMON features by the names upstream damo uses. They are read from the DAMON sysfs tree and, for what the tree does not show, from the kernel version.',
  examples: ['damo features', 'damo features unsupported', 'damo features --infer_version json'],
  positionals: [
    {
      name: 'type',
      nargs: '?',
      choices: ['supported', 'unsupported', 'all', 'json'],
      metavar: '{supported,unsupported,all,json}',
      help: 'which features to list (default: all)',
    },
  ],
  options: [
    { flags: ['--infer_version'], kind: 'flag', help: 'also say which DAMON version the features suggest' },
    { flags: ['--invalidate_cache'], kind: 'flag', help: 'accepted for compatibility; features are always looked up afresh' },
    ...kernelOptions({ dryRun: false }),
  ],
  run,
};
