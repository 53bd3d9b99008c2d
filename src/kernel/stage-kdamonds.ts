// Writes kdamonds parameters into the DAMON sysfs tree in upstream's order
// (spec/control.md §6.2): depth first, `nr_*` files only when the count differs,
// optional files only when they exist, access patterns converted to the kernel's
// units with the context's intervals.
import { pyD } from '../base/py-format.ts';
import { type PyNum, ULONG_MAX, pyInt, toFloat } from '../base/py-num.ts';
import { UserError } from '../base/user-error.ts';
import type { AccessPattern, Context, Filter, Intervals, Kdamond, Scheme } from '../model/damon-params.ts';
import { type Fs, KDAMONDS_DIR } from './fs.ts';

function clamp(v: bigint): bigint {
  return v > ULONG_MAX ? ULONG_MAX : v;
}

/** Access pattern in samples per aggregation / aggregation intervals, as the kernel takes it. */
export function accessPatternInKernelUnits(p: AccessPattern, iv: Intervals): { nrAccesses: [bigint, bigint]; age: [bigint, bigint] } {
  const maxSamples = toFloat(iv.aggrUs) / toFloat(iv.sampleUs);
  const samples = (v: PyNum) =>
    p.nrAccessesUnit === 'samples' ? clamp(pyInt(v)) : clamp(pyInt((toFloat(v) * maxSamples) / 100));
  const aggrs = (v: PyNum) => (p.ageUnit === 'aggr_intervals' ? clamp(pyInt(v)) : clamp(pyInt(toFloat(v) / toFloat(iv.aggrUs))));
  return {
    nrAccesses: [samples(p.nrAccesses.min), samples(p.nrAccesses.max)],
    age: [aggrs(p.age.min), aggrs(p.age.max)],
  };
}

class Stager {
  constructor(readonly fs: Fs) {}
  w(path: string, v: PyNum | string): void {
    this.fs.write(path, typeof v === 'string' ? v : pyD(v));
  }
  ensureNr(path: string, count: number): void {
    // A dry run over a tree that does not have the directory yet reads nothing.
    const now = this.fs.isFile(path) ? this.fs.read(path).trim() : null;
    if (now !== String(count)) this.fs.write(path, String(count));
  }
  yn(v: boolean): string {
    return v ? 'Y' : 'N';
  }

  kdamond(k: Kdamond, dir: string): void {
    if (this.fs.isFile(`${dir}/refresh_ms`)) this.w(`${dir}/refresh_ms`, k.refreshMs);
    this.ensureNr(`${dir}/contexts/nr_contexts`, k.contexts.length);
    k.contexts.forEach((c, i) => this.context(c, `${dir}/contexts/${i}`));
  }

  context(c: Context, d: string): void {
    this.w(`${d}/operations`, c.ops);
    const iv = `${d}/monitoring_attrs/intervals`;
    this.w(`${iv}/sample_us`, c.intervals.sampleUs);
    this.w(`${iv}/aggr_us`, c.intervals.aggrUs);
    this.w(`${iv}/update_us`, c.intervals.opsUpdateUs);
    if (this.fs.isDir(`${iv}/intervals_goal`)) {
      const g = c.intervals.goal;
      this.w(`${iv}/intervals_goal/access_bp`, g.accessBp);
      this.w(`${iv}/intervals_goal/aggrs`, g.aggrs);
      this.w(`${iv}/intervals_goal/min_sample_us`, g.minSampleUs);
      this.w(`${iv}/intervals_goal/max_sample_us`, g.maxSampleUs);
    }
    this.w(`${d}/monitoring_attrs/nr_regions/min`, c.nrRegions.min);
    this.w(`${d}/monitoring_attrs/nr_regions/max`, c.nrRegions.max);
    if (this.fs.isFile(`${d}/pause`)) this.w(`${d}/pause`, this.yn(c.pause));
    if (this.fs.isFile(`${d}/addr_unit`)) this.w(`${d}/addr_unit`, c.addrUnit);
    this.ensureNr(`${d}/targets/nr_targets`, c.targets.length);
    c.targets.forEach((t, i) => {
      const td = `${d}/targets/${i}`;
      if (t.pid !== null) this.w(`${td}/pid_target`, BigInt(t.pid));
      if (this.fs.isFile(`${td}/obsolete_target`)) this.w(`${td}/obsolete_target`, t.obsolete ? '1' : '0');
      else if (t.obsolete) throw new UserError('obsolete_target unsupported (needs Linux 6.19 or later)');
      this.ensureNr(`${td}/regions/nr_regions`, t.regions.length);
      t.regions.forEach((r, k) => {
        this.w(`${td}/regions/${k}/start`, r.start);
        this.w(`${td}/regions/${k}/end`, r.end);
      });
    });
    this.ensureNr(`${d}/schemes/nr_schemes`, c.schemes.length);
    c.schemes.forEach((s, i) => this.scheme(s, c.intervals, `${d}/schemes/${i}`));
  }

  scheme(s: Scheme, iv: Intervals, d: string): void {
    const ap = `${d}/access_pattern`;
    const ku = accessPatternInKernelUnits(s.accessPattern, iv);
    this.w(`${ap}/sz/min`, clamp(s.accessPattern.szBytes.min));
    this.w(`${ap}/sz/max`, clamp(s.accessPattern.szBytes.max));
    this.w(`${ap}/nr_accesses/min`, ku.nrAccesses[0]);
    this.w(`${ap}/nr_accesses/max`, ku.nrAccesses[1]);
    this.w(`${ap}/age/min`, ku.age[0]);
    this.w(`${ap}/age/max`, ku.age[1]);
    this.w(`${d}/action`, s.action);
    // Upstream leaves an old destination list alone when the new one is empty; we
    // keep the count right whenever the directory exists (same writes on fresh dirs).
    if (this.fs.isDir(`${d}/dests`)) {
      this.ensureNr(`${d}/dests/nr_dests`, s.dests.length);
      s.dests.forEach((x, i) => {
        this.w(`${d}/dests/${i}/id`, BigInt(x.id));
        this.w(`${d}/dests/${i}/weight`, BigInt(x.weight));
      });
    } else if (s.dests.length > 0) throw new UserError('DAMOS migration destinations unsupported (needs Linux 6.17 or later)');
    const q = `${d}/quotas`;
    this.w(`${q}/ms`, s.quotas.timeMs);
    this.w(`${q}/bytes`, s.quotas.szBytes);
    this.w(`${q}/reset_interval_ms`, s.quotas.resetIntervalMs);
    this.w(`${q}/weights/sz_permil`, s.quotas.weights.szPermil);
    this.w(`${q}/weights/nr_accesses_permil`, s.quotas.weights.nrAccessesPermil);
    this.w(`${q}/weights/age_permil`, s.quotas.weights.agePermil);
    if (this.fs.isFile(`${q}/fail_charge_num`)) {
      this.w(`${q}/fail_charge_num`, s.quotas.failChargeNum);
      this.w(`${q}/fail_charge_denom`, s.quotas.failChargeDenom);
    }
    if (!this.fs.isDir(`${q}/goals`)) {
      if (s.quotas.goals.length > 0) throw new UserError('DAMOS quota goals unsupported (needs Linux 6.8 or later)');
    } else {
      this.ensureNr(`${q}/goals/nr_goals`, s.quotas.goals.length);
      s.quotas.goals.forEach((g, i) => {
        const gd = `${q}/goals/${i}`;
        if (this.fs.isFile(`${gd}/target_metric`)) this.w(`${gd}/target_metric`, g.metric);
        else if (g.metric !== 'user_input') {
          throw new UserError(`the kernel is not supporting quota goal metric ${g.metric} (needs Linux 6.9 or later)`);
        }
        if (/^node_mem|^node_memcg/.test(g.metric) && g.nid !== null) this.w(`${gd}/nid`, g.nid);
        if (/^node_memcg/.test(g.metric) && g.memcgPath !== null) this.w(`${gd}/path`, g.memcgPath);
        this.w(`${gd}/target_value`, g.targetValue);
        this.w(`${gd}/current_value`, g.currentValue);
      });
    }
    if (this.fs.isFile(`${q}/goal_tuner`)) this.w(`${q}/goal_tuner`, s.quotas.goalTuner);
    const wm = `${d}/watermarks`;
    this.w(`${wm}/metric`, s.watermarks.metric);
    this.w(`${wm}/interval_us`, s.watermarks.intervalUs);
    this.w(`${wm}/high`, s.watermarks.highPermil);
    this.w(`${wm}/mid`, s.watermarks.midPermil);
    this.w(`${wm}/low`, s.watermarks.lowPermil);
    if (s.targetNid !== null && this.fs.isFile(`${d}/target_nid`)) this.w(`${d}/target_nid`, BigInt(s.targetNid));
    if (this.fs.isDir(`${d}/core_filters`)) {
      this.filters(s.filters.filter((f) => f.filterType === 'addr' || f.filterType === 'target'), `${d}/core_filters`);
      this.filters(s.filters.filter((f) => f.filterType !== 'addr' && f.filterType !== 'target'), `${d}/ops_filters`);
    } else if (this.fs.isDir(`${d}/filters`)) {
      this.filters(s.filters, `${d}/filters`);
    } else if (s.filters.length > 0) {
      throw new UserError('DAMOS filters unsupported (needs Linux 6.3 or later)');
    }
    if (this.fs.isFile(`${d}/apply_interval_us`)) this.w(`${d}/apply_interval_us`, s.applyIntervalUs);
    else if (toFloat(s.applyIntervalUs) !== 0) throw new UserError('DAMOS apply interval unsupported (needs Linux 6.7 or later)');
    if (this.fs.isFile(`${d}/stats/max_nr_snapshots`)) this.w(`${d}/stats/max_nr_snapshots`, s.maxNrSnapshots);
    else if (toFloat(s.maxNrSnapshots) !== 0) throw new UserError('DAMOS max_nr_snapshots unsupported (needs Linux 7.0 or later)');
  }

  filters(filters: Filter[], dir: string): void {
    this.ensureNr(`${dir}/nr_filters`, filters.length);
    filters.forEach((f, i) => {
      const d = `${dir}/${i}`;
      this.w(`${d}/type`, f.filterType);
      const allowFile = this.fs.isFile(`${d}/allow`) ? `${d}/allow` : this.fs.isFile(`${d}/pass`) ? `${d}/pass` : null;
      if (allowFile !== null) {
        // Upstream writes only 'Y' and relies on a fresh directory's 'N'; a reused
        // directory (tune) may hold 'Y', so 'N' is written when it is not already there.
        if (f.allow) this.w(allowFile, 'Y');
        else if (this.fs.read(allowFile).trim() !== 'N') this.w(allowFile, 'N');
      } else if (f.allow) throw new UserError('allow filters unsupported (needs Linux 6.14 or later)');
      if (f.filterType === 'memcg') this.w(`${d}/memcg_path`, f.memcgPath ?? '');
      if (f.filterType === 'hugepage_size' && f.hugepageSize) {
        this.w(`${d}/min`, f.hugepageSize[0]);
        this.w(`${d}/max`, f.hugepageSize[1]);
      }
      if (f.filterType === 'addr' && f.addressRange) {
        this.w(`${d}/addr_start`, f.addressRange.start);
        this.w(`${d}/addr_end`, f.addressRange.end);
      }
      if (f.filterType === 'target' && f.damonTargetIdx !== null) this.w(`${d}/damon_target_idx`, f.damonTargetIdx);
      this.w(`${d}/matching`, this.yn(f.matching));
    });
  }
}

/** Stages every kdamond (§6.2); `nr_kdamonds` first. */
export function stageKdamonds(fs: Fs, ks: Kdamond[]): void {
  const st = new Stager(fs);
  st.ensureNr(`${KDAMONDS_DIR}/nr_kdamonds`, ks.length);
  ks.forEach((k, i) => st.kdamond(k, `${KDAMONDS_DIR}/${i}`));
}

/** Stages one kdamond's subtree only, leaving `nr_kdamonds` and the other kdamonds alone. */
export function stageOneKdamond(fs: Fs, k: Kdamond, idx: number): void {
  new Stager(fs).kdamond(k, `${KDAMONDS_DIR}/${idx}`);
}
