// DAMON kernel features: the names upstream damo reports, the mainline version
// that brought each (spec/control.md §7.3, newest last), how to see them in a sysfs
// tree without writing anything (§7.2 evidence), and version inference (§7.4).
import { release } from 'node:os';
import { type Fs, KDAMONDS_DIR } from './fs.ts';

/** [name, first mainline version or 'none'], in upstream's order. */
export const FEATURES: readonly (readonly [string, string])[] = [
  ['debugfs/record', 'none'],
  ['debugfs/vaddr', '5.15'],
  ['trace/damon_aggregated', '5.15'],
  ['interface/damon_debugfs', '5.15'],
  ['debugfs/schemes', '5.16'],
  ['debugfs/init_regions', '5.16'],
  ['debugfs/paddr', '5.16'],
  ['debugfs/schemes_size_quota', '5.16'],
  ['debugfs/schemes_time_quota', '5.16'],
  ['debugfs/schemes_prioritization', '5.16'],
  ['debugfs/schemes_wmarks', '5.16'],
  ['interface/damon_reclaim', '5.16'],
  ['debugfs/schemes_stat_succ', '5.17'],
  ['debugfs/schemes_stat_qt_exceed', '5.17'],
  ['reclaim/stats', '5.17'],
  ['debugfs/init_regions_target_idx', '5.18'],
  ['interface/damon_sysfs', '5.18'],
  ['sysfs/vaddr', '5.18'],
  ['sysfs/schemes_time_quota', '5.18'],
  ['sysfs/paddr', '5.18'],
  ['sysfs/init_regions', '5.18'],
  ['sysfs/schemes', '5.18'],
  ['sysfs/schemes_stat_succ', '5.18'],
  ['sysfs/schemes_size_quota', '5.18'],
  ['sysfs/schemes_stat_qt_exceed', '5.18'],
  ['sysfs/schemes_wmarks', '5.18'],
  ['sysfs/schemes_prioritization', '5.18'],
  ['sysfs/avail_ops', '5.19'],
  ['sysfs/fvaddr', '5.19'],
  ['sysfs/online_params_commit', '5.19'],
  ['reclaim/commit_inputs', '5.19'],
  ['interface/damon_lru_sort', '6.0'],
  ['sysfs/schemes_tried_regions', '6.2'],
  ['sysfs/schemes_filters', '6.3'],
  ['sysfs/schemes_filters_anon', '6.3'],
  ['sysfs/schemes_filters_memcg', '6.3'],
  ['reclaim/skip_anon', '6.3'],
  ['sysfs/schemes_tried_regions_sz', '6.6'],
  ['sysfs/schemes_filters_addr', '6.6'],
  ['sysfs/schemes_filters_target', '6.6'],
  ['sysfs/schemes_apply_interval', '6.7'],
  ['trace/damos_before_apply', '6.7'],
  ['sysfs/schemes_quota_goals', '6.8'],
  ['sysfs/schemes_quota_effective_bytes', '6.9'],
  ['sysfs/schemes_quota_goal_metric', '6.9'],
  ['sysfs/schemes_quota_goal_some_psi', '6.9'],
  ['reclaim/quota_mem_pressure_us', '6.9'],
  ['reclaim/quota_user_feedback', '6.9'],
  ['sysfs/schemes_filters_young', '6.10'],
  ['sysfs/schemes_migrate', '6.11'],
  ['sysfs/sz_ops_filter_passed', '6.14'],
  ['sysfs/allow_filter', '6.14'],
  ['sysfs/schemes_filters_hugepage_size', '6.15'],
  ['sysfs/schemes_filters_unmapped', '6.15'],
  ['sysfs/intervals_goal', '6.15'],
  ['sysfs/schemes_filters_core_ops_dirs', '6.15'],
  ['sysfs/schemes_filters_active', '6.15'],
  ['sysfs/schemes_quota_goal_node_mem_used_free', '6.16'],
  ['sysfs/schemes_dests', '6.17'],
  ['sysfs/refresh_ms', '6.17'],
  ['trace/damon_monitor_intervals_tune', '6.17'],
  ['trace/damos_esz', '6.17'],
  ['interface/damon_stat', '6.17'],
  ['sysfs/addr_unit', '6.18'],
  ['reclaim/addr_unit', '6.18'],
  ['lru_sort/addr_unit', '6.18'],
  ['stat/aggr_interval', '6.18'],
  ['stat/negative_idle_time', '6.18'],
  ['sysfs/schemes_quota_goal_node_memcg_used_free', '6.19'],
  ['sysfs/obsolete_target', '6.19'],
  ['sysfs/damos_stat_nr_snapshots', '7.0'],
  ['sysfs/damos_max_nr_snapshots', '7.0'],
  ['trace/damos_stat_after_apply_interval', '7.0'],
  ['sysfs/damos_quota_goal_in_active_mem_bp', '7.0'],
  ['lru_sort/young_page_filter', '7.0'],
  ['lru_sort/active_mem_bp', '7.0'],
  ['lru_sort/autotune_monitoring_intervals', '7.0'],
  ['sysfs/damos_quota_goal_tuner', '7.1'],
  ['sysfs/damos_action_collapse', 'none'],
  ['sysfs/damos_quota_goal_node_eligible_mem_bp', 'none'],
  ['sysfs/ctx_pause', 'none'],
  ['sysfs/damos_quota_fail_charge_ratio', 'none'],
  ['sysfs/attrs_monitoring', 'none'],
  ['trace/damon_region_aggregated', 'none'],
  ['sysfs/damon_sample_control', 'none'],
  ['sysfs/ops_attrs', 'none'],
];

const VERSION_OF = new Map(FEATURES.map(([n, v]) => [n, v]));

export function featureVersion(name: string): string {
  return VERSION_OF.get(name) ?? 'none';
}

/** 'needs Linux 6.9 or later: sysfs/schemes_quota_goal_metric' (or a not-in-mainline note). */
export function featureNeedText(name: string): string {
  const v = featureVersion(name);
  return v === 'none' ? `needs a kernel with ${name} (not in mainline Linux yet)` : `needs Linux ${v} or later: ${name}`;
}

function versionKey(v: string): number[] {
  return v.split(/[.-]/).slice(0, 2).map((x) => Number.parseInt(x, 10) || 0);
}

function atLeast(kernel: string, v: string): boolean {
  if (v === 'none') return false;
  const [a, b] = versionKey(kernel);
  const [c, d] = versionKey(v);
  return a > c || (a === c && b >= d);
}

export type FeatureSet = ReadonlySet<string>;

export interface ProbeOptions {
  /** `uname -r`, or a stand-in (DAMO_KERNEL_RELEASE) for fake trees. */
  kernelRelease?: string;
}

const SYSFS_ALWAYS = [
  'sysfs/schemes',
  'sysfs/init_regions',
  'sysfs/vaddr',
  'sysfs/paddr',
  'sysfs/schemes_size_quota',
  'sysfs/schemes_time_quota',
  'sysfs/schemes_prioritization',
  'sysfs/schemes_wmarks',
  'sysfs/schemes_stat_succ',
  'sysfs/schemes_stat_qt_exceed',
];

type Where = 'kdamond' | 'ctx' | 'target' | 'scheme' | 'filter' | 'goal';

/** Files or dirs whose presence shows features (§7.2), relative to where they live. */
const EVIDENCE: [Where, string, 'file' | 'dir', string[]][] = [
  ['scheme', 'tried_regions', 'dir', ['sysfs/schemes_tried_regions']],
  ['scheme', 'tried_regions/total_bytes', 'file', ['sysfs/schemes_tried_regions_sz', 'sysfs/schemes_filters_addr', 'sysfs/schemes_filters_target']],
  ['scheme', 'filters', 'dir', ['sysfs/schemes_filters', 'sysfs/schemes_filters_anon', 'sysfs/schemes_filters_memcg']],
  ['scheme', 'apply_interval_us', 'file', ['sysfs/schemes_apply_interval']],
  ['scheme', 'quotas/goals', 'dir', ['sysfs/schemes_quota_goals']],
  ['scheme', 'quotas/effective_bytes', 'file', ['sysfs/schemes_quota_effective_bytes', 'sysfs/schemes_quota_goal_metric', 'sysfs/schemes_quota_goal_some_psi']],
  ['scheme', 'target_nid', 'file', ['sysfs/schemes_migrate']],
  ['scheme', 'stats/sz_ops_filter_passed', 'file', ['sysfs/sz_ops_filter_passed']],
  ['filter', 'allow', 'file', ['sysfs/allow_filter']],
  ['filter', 'min', 'file', ['sysfs/schemes_filters_hugepage_size']],
  ['ctx', 'monitoring_attrs/intervals/intervals_goal', 'dir', ['sysfs/intervals_goal']],
  ['scheme', 'core_filters', 'dir', ['sysfs/schemes_filters_core_ops_dirs', 'sysfs/schemes_filters_unmapped', 'sysfs/schemes_filters_active']],
  ['goal', 'nid', 'file', ['sysfs/schemes_quota_goal_node_mem_used_free']],
  ['goal', 'path', 'file', ['sysfs/schemes_quota_goal_node_memcg_used_free']],
  ['scheme', 'dests', 'dir', ['sysfs/schemes_dests']],
  ['kdamond', 'refresh_ms', 'file', ['sysfs/refresh_ms']],
  ['ctx', 'addr_unit', 'file', ['sysfs/addr_unit']],
  ['target', 'obsolete_target', 'file', ['sysfs/obsolete_target']],
  ['scheme', 'stats/nr_snapshots', 'file', ['sysfs/damos_stat_nr_snapshots']],
  ['scheme', 'stats/max_nr_snapshots', 'file', ['sysfs/damos_max_nr_snapshots', 'sysfs/damos_quota_goal_in_active_mem_bp']],
  ['ctx', 'monitoring_attrs/sample', 'dir', ['sysfs/damon_sample_control']],
  ['scheme', 'quotas/goal_tuner', 'file', ['sysfs/damos_quota_goal_tuner']],
  ['ctx', 'pause', 'file', ['sysfs/ctx_pause']],
  ['scheme', 'quotas/fail_charge_denom', 'file', ['sysfs/damos_quota_fail_charge_ratio', 'sysfs/damos_action_collapse', 'sysfs/damos_quota_goal_node_eligible_mem_bp']],
  ['ctx', 'monitoring_attrs/probes', 'dir', ['sysfs/attrs_monitoring']],
  ['ctx', 'operations_attrs', 'dir', ['sysfs/ops_attrs']],
];

/** The first existing directory of each kind in the tree, to look for evidence in. */
function witnesses(fs: Fs): Partial<Record<Where, string>> {
  const w: Partial<Record<Where, string>> = {};
  const numeric = (dir: string) => fs.list(dir).filter((n) => /^\d+$/.test(n) && fs.isDir(`${dir}/${n}`)).sort((a, b) => Number(a) - Number(b));
  for (const k of numeric(KDAMONDS_DIR)) {
    const kd = `${KDAMONDS_DIR}/${k}`;
    w.kdamond ??= kd;
    for (const c of numeric(`${kd}/contexts`)) {
      const cd = `${kd}/contexts/${c}`;
      w.ctx ??= cd;
      for (const t of numeric(`${cd}/targets`)) w.target ??= `${cd}/targets/${t}`;
      for (const s of numeric(`${cd}/schemes`)) {
        const sd = `${cd}/schemes/${s}`;
        w.scheme ??= sd;
        for (const fdir of ['ops_filters', 'filters', 'core_filters']) {
          for (const f of numeric(`${sd}/${fdir}`)) w.filter ??= `${sd}/${fdir}/${f}`;
        }
        for (const g of numeric(`${sd}/quotas/goals`)) w.goal ??= `${sd}/quotas/goals/${g}`;
      }
    }
  }
  return w;
}

/**
 * The features of the DAMON in `fs`, found without writing: from files present in
 * the existing tree, and from the kernel version for what no existing directory shows.
 */
export function detectFeatures(fs: Fs, opts: ProbeOptions = {}): Set<string> {
  const kernel = opts.kernelRelease ?? release();
  const have = new Set<string>();
  const byVersion = (name: string) => {
    if (atLeast(kernel, featureVersion(name))) have.add(name);
  };
  if (fs.isDir(KDAMONDS_DIR)) {
    have.add('interface/damon_sysfs');
    for (const f of SYSFS_ALWAYS) have.add(f);
    const w = witnesses(fs);
    for (const [where, rel, kind, names] of EVIDENCE) {
      const base = w[where];
      if (base === undefined) {
        names.forEach(byVersion);
        continue;
      }
      const present = kind === 'file' ? fs.isFile(`${base}/${rel}`) : fs.isDir(`${base}/${rel}`);
      if (present) for (const n of names) have.add(n);
    }
    // Filter dirs show the young filter only by accepting one; its version tells.
    if (have.has('sysfs/schemes_filters')) byVersion('sysfs/schemes_filters_young');
    if (w.ctx !== undefined && fs.isFile(`${w.ctx}/avail_operations`)) {
      have.add('sysfs/avail_ops');
      have.add('sysfs/online_params_commit');
      const ops = fs.read(`${w.ctx}/avail_operations`).split(/\s+/).filter(Boolean);
      for (const o of ['vaddr', 'paddr', 'fvaddr']) {
        if (ops.includes(o)) have.add(`sysfs/${o}`);
        else have.delete(`sysfs/${o}`);
      }
    } else {
      ['sysfs/avail_ops', 'sysfs/online_params_commit', 'sysfs/fvaddr'].forEach(byVersion);
    }
  }
  for (const m of ['damon_reclaim', 'damon_lru_sort', 'damon_stat']) {
    if (fs.isDir(`/sys/module/${m}`)) have.add(`interface/${m}`);
  }
  if (fs.isFile('/sys/module/damon_reclaim/parameters/nr_quota_exceeds')) have.add('reclaim/stats');
  if (fs.isFile('/sys/module/damon_reclaim/parameters/commit_inputs')) have.add('reclaim/commit_inputs');
  if (fs.isFile('/sys/module/damon_reclaim/parameters/skip_anon')) have.add('reclaim/skip_anon');
  if (fs.isFile('/sys/module/damon_reclaim/parameters/quota_autotune_feedback')) {
    have.add('reclaim/quota_mem_pressure_us');
    have.add('reclaim/quota_user_feedback');
  }
  if (fs.isFile('/sys/module/damon_reclaim/parameters/addr_unit')) have.add('reclaim/addr_unit');
  if (fs.isFile('/sys/module/damon_lru_sort/parameters/addr_unit')) have.add('lru_sort/addr_unit');
  if (fs.isFile('/sys/module/damon_lru_sort/parameters/autotune_monitoring_intervals')) {
    for (const n of ['lru_sort/young_page_filter', 'lru_sort/active_mem_bp', 'lru_sort/autotune_monitoring_intervals']) have.add(n);
  }
  if (fs.isFile('/sys/module/damon_stat/parameters/aggr_interval_us')) {
    have.add('stat/aggr_interval');
    have.add('stat/negative_idle_time');
  }
  for (const events of ['/sys/kernel/tracing/available_events', '/sys/kernel/debug/tracing/available_events']) {
    if (!fs.isFile(events)) continue;
    const lines = new Set(fs.read(events).split('\n').map((l) => l.trim()));
    for (const e of ['damon_aggregated', 'damos_before_apply', 'damon_monitor_intervals_tune', 'damos_esz', 'damos_stat_after_apply_interval', 'damon_region_aggregated']) {
      if (lines.has(`damon:${e}`)) have.add(`trace/${e}`);
    }
    break;
  }
  return have;
}

/** §7.4: the newest mainline version among the available features, '+' if newer unversioned ones exist. */
export function inferDamonVersion(have: FeatureSet): string {
  let plus = false;
  for (let i = FEATURES.length - 1; i >= 0; i--) {
    const [name, v] = FEATURES[i];
    if (!have.has(name)) continue;
    if (v === 'none') {
      plus = true;
      continue;
    }
    return `${v}${plus ? '+' : ''}`;
  }
  return plus ? 'only non-upstreamed features' : '<5.15';
}
