// `report sysinfo`: versions, file systems, tools and DAMON features of this system,
// in the sections `--print` chooses (spec/reports.md §15, control.md §7).
import { featureStatus } from './sysinfo-feature-status.ts';

export interface SysInfo {
  damoVersion: string;
  kernelVersion: string;
  damonVersion: string;
  sysfs: string | null;
  tracefs: string | null;
  debugfs: string | null;
  traceCmdVersion: string | null;
  perfPath: string | null;
  perfVersion: string | null;
  /** Every feature name, in upstream's order. */
  featureNames: readonly string[];
  available: ReadonlySet<string>;
}

export const SYSINFO_SECTIONS = [
  'versions',
  'fs_info',
  'trace_cmd_info',
  'perf_info',
  'sysfs_features',
  'debugfs_features',
  'trace_features',
  'stat_features',
  'lru_sort_features',
  'reclaim_features',
  'interfaces',
  'unavailable_features',
  'all',
] as const;

export type SysinfoSection = (typeof SYSINFO_SECTIONS)[number];

const FEATURE_PREFIX: Partial<Record<SysinfoSection, string>> = {
  sysfs_features: 'sysfs/',
  debugfs_features: 'debugfs/',
  trace_features: 'trace/',
  stat_features: 'stat/',
  lru_sort_features: 'lru_sort/',
  reclaim_features: 'reclaim/',
  interfaces: 'interface/',
};

function none(v: string | null): string {
  return v ?? 'None';
}

function featureLines(names: readonly string[]): string[] {
  const lines: string[] = [];
  for (const n of names) {
    const { status, comments } = featureStatus(n);
    lines.push(`- ${n} (${status})`);
    if (comments) lines.push(`  - ${comments}`);
  }
  return lines;
}

function sectionLines(info: SysInfo, section: Exclude<SysinfoSection, 'all'>): string[] {
  switch (section) {
    case 'versions':
      return [`damo version: ${info.damoVersion}`, `kernel version: ${info.kernelVersion}`, `DAMON version: ${info.damonVersion}`];
    case 'fs_info':
      return [`sysfs: ${none(info.sysfs)}`, `tracefs: ${none(info.tracefs)}`, `debugfs: ${none(info.debugfs)}`];
    case 'trace_cmd_info':
      return [`trace-cmd version: ${none(info.traceCmdVersion)}`];
    case 'perf_info':
      return [`perf path: ${none(info.perfPath)}`, `perf version: ${none(info.perfVersion)}`];
    case 'unavailable_features':
      return ['unavailable DAMON features:', ...featureLines(info.featureNames.filter((n) => !info.available.has(n)))];
    default: {
      const prefix = FEATURE_PREFIX[section]!;
      return ['available DAMON features:', ...featureLines(info.featureNames.filter((n) => n.startsWith(prefix) && info.available.has(n)))];
    }
  }
}

/** The chosen sections in the order given ('all': every one), ending with a newline. */
export function formatSysinfo(info: SysInfo, sections: readonly SysinfoSection[]): string {
  const chosen = sections.flatMap((s) => (s === 'all' ? SYSINFO_SECTIONS.filter((x) => x !== 'all') : [s]));
  const lines: string[] = [];
  for (const s of new Set(chosen)) lines.push(...sectionLines(info, s as Exclude<SysinfoSection, 'all'>));
  return `${lines.join('\n')}\n`;
}

/** The mount point of the first `fstype` entry of /proc/mounts text, or null. */
export function mountPointOf(mountsText: string, fstype: string): string | null {
  for (const line of mountsText.split('\n')) {
    const f = line.split(' ');
    if (f.length >= 3 && f[2] === fstype) return f[1];
  }
  return null;
}
