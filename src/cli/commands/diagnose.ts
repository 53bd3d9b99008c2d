// `damo diagnose`: collect what tells whether DAMON works (spec/control.md §1.8): the
// kernel and its DAMON features, the kdamonds with fresh statistics, tried regions and
// effective quotas (refreshed only in kdamonds this damo started), the DAMON modules,
// and the problems visible in them. A summary by default, everything as JSON with --verbose.
import { formatNr, formatSz, formatTimeUs } from '../../base/units.ts';
import { type PyJson, pyJsonDumps } from '../../base/py-json.ts';
import { kdamondToKv } from '../../formats/kdamonds-to-kv.ts';
import { damonModuleStates } from '../../kernel/damon-modules.ts';
import { availableOps, diagnoseFindings } from '../../kernel/diagnose.ts';
import { FEATURES, inferDamonVersion } from '../../kernel/features.ts';
import { KDAMONDS_DIR } from '../../kernel/fs.ts';
import { kdamondStates } from '../../kernel/read-kdamonds.ts';
import type { Kdamond } from '../../model/damon-params.ts';
import { kernelBackendFor, kernelOptions } from '../damon-kernel-args.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';

function kdamondLines(k: Kdamond, ki: number, ours: boolean): string[] {
  const who = k.state === 'on' ? (ours ? ', started by this damo' : ', started elsewhere (only read)') : '';
  const lines = [`kdamond ${ki}: ${k.state ?? 'off'}, pid ${k.pid ?? '-1'}${who}`];
  k.contexts.forEach((c, ci) => {
    const targets = c.targets.map((t) => (c.ops === 'paddr' || t.pid === null ? 'physical memory' : `pid ${t.pid}`)).join(', ');
    lines.push(
      `  context ${ci}: ${c.ops}, targets: ${targets || 'none'}, sample ${formatTimeUs(c.intervals.sampleUs)}, aggr ${formatTimeUs(c.intervals.aggrUs)}, regions ${formatNr(c.nrRegions.min)}..${formatNr(c.nrRegions.max)}`,
    );
    c.schemes.forEach((s, si) => {
      const st = s.stats;
      const stats = st
        ? `tried ${formatNr(st.nrTried)} (${formatSz(st.szTried)}), applied ${formatNr(st.nrApplied)} (${formatSz(st.szApplied)}), quota exceeded ${formatNr(st.qtExceeds)} times`
        : 'no statistics';
      const tried = s.triedRegions ? `, ${s.triedRegions.length} tried regions (${formatSz(s.triedBytes ?? 0n)})` : '';
      lines.push(`    scheme ${si}: ${s.action}, ${stats}${tried}`);
    });
  });
  return lines;
}

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const backend = kernelBackendFor(args, ctx, false);
  const { fs, started, isAlive } = backend.control.d;
  const tree = backend.control.tree;
  const have = backend.features();
  const present = fs.isDir(KDAMONDS_DIR);
  const states = present ? kdamondStates(fs) : [];
  const ours = (i: number) => states[i]?.state === 'on' && started.isOurs(tree, i, states[i].pid);
  const kdamonds = present ? await backend.status({ stats: true, triedRegions: true, quotas: true }) : [];
  const modules = damonModuleStates(fs);
  const kernelRelease = backend.control.d.kernelRelease ?? 'unknown';
  const damonVersion = inferDamonVersion(have);
  const findings = diagnoseFindings({
    kernelRelease,
    damonVersion,
    sysfsShown: tree,
    sysfsPresent: present,
    kdamonds,
    ours,
    modules,
    features: have,
    isAlive,
    availOps: present ? availableOps(fs) : null,
  });
  if (args.verbose) {
    const v: PyJson = {
      sysinfo: {
        kernel_release: kernelRelease,
        damon_version: damonVersion,
        damon_sysfs: present ? tree : null,
        supported_features: FEATURES.map(([n]) => n).filter((n) => have.has(n)),
      },
      kdamonds: kdamonds.map((k, i) => ({ started_by_this_damo: ours(i), ...(kdamondToKv(k) as Record<string, PyJson>) })),
      modules: Object.fromEntries(modules.map((m) => [m.name, m.on ? 'enabled' : 'disabled'])),
      findings,
    };
    ctx.out(`${pyJsonDumps(v)}\n`);
    return 0;
  }
  const lines = [
    `kernel: ${kernelRelease}, DAMON ${present ? `sysfs at ${tree}` : 'sysfs interface not found'}, features suggest DAMON ${damonVersion}`,
  ];
  if (present) lines.push(`kdamonds: ${kdamonds.length} (${kdamonds.filter((k) => k.state === 'on').length} running)`);
  kdamonds.forEach((k, i) => lines.push(...kdamondLines(k, i, ours(i)).map((l) => `  ${l}`)));
  lines.push(`modules: ${modules.length === 0 ? 'none' : modules.map((m) => `${m.name} ${m.on ? 'enabled' : 'disabled'}`).join(', ')}`);
  if (findings.length === 0) lines.push('no problem found');
  else lines.push(`problems found: ${findings.length}`, ...findings.map((f) => `  - ${f}`));
  ctx.out(`${lines.join('\n')}\n`);
  return 0;
}

export const diagnoseCommand: CommandSpec = {
  name: 'diagnose',
  summary: 'collect information to tell whether DAMON works well',
  description:
    'Look at the kernel, its DAMON features, the kdamonds (with statistics, tried regions and effective quotas refreshed in kdamonds this damo started; others are only read) and the DAMON modules, then list the problems they show, such as a target process that is gone, a scheme that never tried a region or keeps hitting its quota, or intervals that cannot work. --verbose prints everything collected as JSON.',
  examples: ['damo diagnose', 'damo diagnose --verbose', 'damo diagnose --sysfs_root /tmp/fake-sys'],
  options: [{ flags: ['--verbose'], kind: 'flag', help: 'print everything collected, as JSON' }, ...kernelOptions({ dryRun: false })],
  run,
};
