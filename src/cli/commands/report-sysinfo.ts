// `damo report sysinfo`: damo, kernel and DAMON versions, tracefs/debugfs mounts, perf
// and trace-cmd, and DAMON features (spec/reports.md §15). Everything is read only:
// features come from what the sysfs tree shows and the kernel version
// (src/kernel/features.ts), where upstream stages kdamonds to probe and keeps a cache.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { release } from 'node:os';
import { delimiter, join } from 'node:path';
import { FEATURES, inferDamonVersion } from '../../kernel/features.ts';
import { REAL_SYSFS } from '../../kernel/fs.ts';
import { SYSINFO_SECTIONS, type SysinfoSection, formatSysinfo, mountPointOf } from '../../report/sysinfo.ts';
import { kernelBackendFor, kernelOptions } from '../damon-kernel-args.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';
import { onPath } from './report-holistic.ts';
import { DAMO_COMPAT_VERSION } from './version.ts';

function which(program: string, env: NodeJS.ProcessEnv): string | null {
  if (program.includes('/')) return onPath(program, env) ? program : null;
  for (const d of (env.PATH ?? process.env.PATH ?? '').split(delimiter)) {
    if (d !== '' && onPath(join(d, program), env)) return join(d, program);
  }
  return null;
}

function toolOutput(program: string, args: string[]): string | null {
  const r = spawnSync(program, args, { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) return null;
  return `${r.stdout ?? ''}${r.stderr ?? ''}`;
}

function run(args: ParsedArgs, ctx: CommandContext): void {
  const have = kernelBackendFor(args, ctx, false).features();
  let mounts = '';
  try {
    mounts = readFileSync(ctx.env.DAMO_PROC_MOUNTS || '/proc/mounts', 'utf8');
  } catch {
    // no mount table (not Linux): tracefs and debugfs show as None
  }
  const sysfsRoot = (args.sysfs_root as string | null | undefined) ?? (ctx.env.DAMO_SYSFS_ROOT || REAL_SYSFS);
  const perfPath = which('perf', ctx.env);
  const traceCmd = which('trace-cmd', ctx.env);
  const traceCmdVersion = traceCmd ? (/trace-cmd version (\S+)/.exec(toolOutput(traceCmd, []) ?? '')?.[1] ?? null) : null;
  const perfVersion = perfPath ? (toolOutput(perfPath, ['--version'])?.trim().split('\n')[0] || null) : null;
  const text = formatSysinfo(
    {
      damoVersion: DAMO_COMPAT_VERSION,
      kernelVersion: ctx.env.DAMO_KERNEL_RELEASE ?? release(),
      damonVersion: inferDamonVersion(have),
      sysfs: sysfsRoot,
      tracefs: mountPointOf(mounts, 'tracefs'),
      debugfs: mountPointOf(mounts, 'debugfs'),
      traceCmdVersion,
      perfPath,
      perfVersion,
      featureNames: [...new Set(FEATURES.map(([n]) => n))],
      available: have,
    },
    args.print as SysinfoSection[],
  );
  ctx.out(text);
}

export const reportSysinfoCommand: CommandSpec = {
  name: 'sysinfo',
  summary: 'show what this system offers DAMON',
  description:
    'Show the damo, kernel and DAMON versions, where sysfs, tracefs and debugfs are, perf and trace-cmd, and which DAMON features the kernel has, by the names upstream damo uses. Features are read from the DAMON sysfs tree and the kernel version; nothing is written.',
  examples: [
    'damo report sysinfo',
    'damo report sysinfo --print all',
    'damo report sysinfo --print sysfs_features unavailable_features',
  ],
  options: [
    {
      flags: ['--print'],
      nargs: '+',
      choices: SYSINFO_SECTIONS,
      default: ['versions', 'interfaces'],
      metavar: '<section>',
      help: `sections to show: ${SYSINFO_SECTIONS.join(', ')}`,
    },
    ...kernelOptions({ dryRun: false }),
  ],
  run,
};
