// What a kdamonds spec needs from the kernel, checked before the first sysfs write
// so a refused request leaves DAMON untouched (spec/control.md §5.2-§5.4, §7).
import { toFloat } from '../base/py-num.ts';
import { formatNr } from '../base/units.ts';
import { UserError } from '../base/user-error.ts';
import { type Kdamond, isMigrateAction } from '../model/damon-params.ts';
import { type FeatureSet, featureNeedText } from './features.ts';

const FILTER_FEATURE: Record<string, string> = {
  anon: 'sysfs/schemes_filters_anon',
  memcg: 'sysfs/schemes_filters_memcg',
  young: 'sysfs/schemes_filters_young',
  addr: 'sysfs/schemes_filters_addr',
  target: 'sysfs/schemes_filters_target',
  hugepage_size: 'sysfs/schemes_filters_hugepage_size',
  unmapped: 'sysfs/schemes_filters_unmapped',
  active: 'sysfs/schemes_filters_active',
};

function goalMetricFeature(metric: string): string | null {
  if (metric === 'user_input') return null;
  if (metric === 'some_mem_psi_us') return 'sysfs/schemes_quota_goal_some_psi';
  if (metric === 'node_mem_used_bp' || metric === 'node_mem_free_bp') return 'sysfs/schemes_quota_goal_node_mem_used_free';
  if (metric === 'node_memcg_used_bp' || metric === 'node_memcg_free_bp') return 'sysfs/schemes_quota_goal_node_memcg_used_free';
  if (metric === 'active_mem_bp' || metric === 'inactive_mem_bp') return 'sysfs/damos_quota_goal_in_active_mem_bp';
  if (metric === 'node_eligible_mem_bp') return 'sysfs/damos_quota_goal_node_eligible_mem_bp';
  return null;
}

export interface Requirement {
  feature: string;
  /** Which part of the request needs it, e.g. 'kdamond 0 context 0 scheme 1 filter 0'. */
  by: string;
}

/** Every kernel feature the spec uses, with the part that uses it. */
export function requiredFeatures(ks: Kdamond[]): Requirement[] {
  const req: Requirement[] = [];
  const need = (feature: string, by: string) => req.push({ feature, by });
  ks.forEach((k, ki) => {
    const kn = `kdamond ${ki}`;
    need('interface/damon_sysfs', kn);
    if (toFloat(k.refreshMs) !== 0) need('sysfs/refresh_ms', `${kn} (refresh_ms)`);
    k.contexts.forEach((c, ci) => {
      const cn = `${kn} context ${ci}`;
      need(`sysfs/${c.ops}`, `${cn} (ops ${c.ops})`);
      if (toFloat(c.addrUnit) !== 1) need('sysfs/addr_unit', `${cn} (addr_unit)`);
      if (toFloat(c.intervals.goal.aggrs) !== 0) need('sysfs/intervals_goal', `${cn} (intervals goal)`);
      if (c.pause) need('sysfs/ctx_pause', `${cn} (pause)`);
      c.targets.forEach((t, ti) => {
        if (t.obsolete) need('sysfs/obsolete_target', `${cn} target ${ti} (obsolete)`);
      });
      c.schemes.forEach((s, si) => {
        const sn = `${cn} scheme ${si}`;
        need('sysfs/schemes', sn);
        if (s.action === 'collapse') need('sysfs/damos_action_collapse', `${sn} (action collapse)`);
        if (isMigrateAction(s.action)) need('sysfs/schemes_migrate', `${sn} (action ${s.action})`);
        if (s.dests.length > 0) need('sysfs/schemes_dests', `${sn} (dests)`);
        if (toFloat(s.applyIntervalUs) !== 0) need('sysfs/schemes_apply_interval', `${sn} (apply interval)`);
        if (toFloat(s.maxNrSnapshots) !== 0) need('sysfs/damos_max_nr_snapshots', `${sn} (max_nr_snapshots)`);
        const q = s.quotas;
        if (q.goalTuner !== 'consist') need('sysfs/damos_quota_goal_tuner', `${sn} (goal tuner ${q.goalTuner})`);
        if (toFloat(q.failChargeNum) !== 0 || toFloat(q.failChargeDenom) !== 0) {
          need('sysfs/damos_quota_fail_charge_ratio', `${sn} (fail charge ratio)`);
        }
        q.goals.forEach((g, gi) => {
          need('sysfs/schemes_quota_goals', `${sn} quota goal ${gi}`);
          if (g.metric !== 'user_input') need('sysfs/schemes_quota_goal_metric', `${sn} quota goal ${gi} (${g.metric})`);
          const f = goalMetricFeature(g.metric);
          if (f) need(f, `${sn} quota goal ${gi} (${g.metric})`);
        });
        s.filters.forEach((f, fi) => {
          const fn = `${sn} filter ${fi}`;
          need('sysfs/schemes_filters', fn);
          const tf = FILTER_FEATURE[f.filterType];
          if (tf) need(tf, `${fn} (${f.filterType})`);
          if (f.allow) need('sysfs/allow_filter', `${fn} (allow)`);
        });
      });
    });
  });
  return req;
}

/** Shape rules the kernel enforces only at `on`/`commit` time. */
function shapeProblems(ks: Kdamond[]): string | null {
  for (const [ki, k] of ks.entries()) {
    if (k.contexts.length !== 1) return `kdamond ${ki} has ${k.contexts.length} contexts; the kernel runs exactly one per kdamond`;
    for (const [ci, c] of k.contexts.entries()) {
      const cn = `kdamond ${ki} context ${ci}`;
      if (c.ops === 'paddr' && c.targets.length > 1) return `${cn}: paddr monitors one target, not ${c.targets.length}`;
      if (c.targets.length === 0) return `${cn} has no target`;
      for (const [ti, t] of c.targets.entries()) {
        if (c.ops !== 'paddr' && (t.pid === null || t.pid <= 0)) return `${cn} target ${ti}: ${c.ops} needs a process id`;
        const sorted = t.regions.every((r, i) => r.start < r.end && (i === 0 || t.regions[i - 1].end <= r.start));
        if (!sorted) return `${cn} target ${ti}: regions must be non-empty, sorted and not overlapping`;
      }
      if (toFloat(c.intervals.sampleUs) <= 0 || toFloat(c.intervals.aggrUs) < toFloat(c.intervals.sampleUs)) {
        return `${cn}: the sampling interval must be positive and not above the aggregation interval`;
      }
      if (toFloat(c.nrRegions.min) < 3 || toFloat(c.nrRegions.min) > toFloat(c.nrRegions.max)) {
        return `${cn}: nr_regions needs 3 <= min <= max (got [${c.nrRegions.min}, ${c.nrRegions.max}])`;
      }
    }
  }
  return null;
}

/** Throws one clear line for the first thing the kernel would refuse. */
export function checkKdamondsForKernel(ks: Kdamond[], have: FeatureSet, isAlive: (pid: number) => boolean): void {
  if (ks.length === 0) throw new UserError('no kdamond to run (the parameters have an empty kdamonds list)');
  const shape = shapeProblems(ks);
  if (shape) throw new UserError(shape);
  for (const r of requiredFeatures(ks)) {
    if (!have.has(r.feature)) throw new UserError(`${r.by} ${featureNeedText(r.feature)}`);
  }
  for (const [ki, k] of ks.entries()) {
    for (const c of k.contexts) {
      for (const t of c.targets) {
        if (c.ops !== 'paddr' && t.pid !== null && !t.obsolete && !isAlive(t.pid)) {
          throw new UserError(`kdamond ${ki}: process ${t.pid} does not exist`);
        }
      }
    }
  }
}

/**
 * paddr regions outside physical memory monitor nothing, and the kernel takes them
 * silently; refuse them before any write. `ram` is null when the span is unknown.
 */
export function checkPaddrRegionsInRam(ks: Kdamond[], ram: { start: bigint; end: bigint } | null): void {
  if (ram === null) return;
  for (const [ki, k] of ks.entries()) {
    for (const c of k.contexts) {
      if (c.ops !== 'paddr') continue;
      const unit = BigInt(Math.trunc(Number(c.addrUnit)));
      for (const t of c.targets) {
        for (const r of t.regions) {
          const start = r.start * unit;
          const end = r.end * unit;
          if (start < ram.start || end > ram.end) {
            throw new UserError(
              `kdamond ${ki}: paddr region [${formatNr(start)}, ${formatNr(end)}) is outside physical memory ` +
                `(System RAM spans [${formatNr(ram.start)}, ${formatNr(ram.end)}))`,
            );
          }
        }
      }
    }
  }
}
