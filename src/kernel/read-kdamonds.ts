// Reads the DAMON sysfs tree into kdamonds (spec/control.md §5, §6.1): counts pick
// the child dirs, optional files default when absent, access patterns stay in the
// kernel's units (samples / aggregation intervals).
import { type PyNum, pyInt } from '../base/py-num.ts';
import { UserError } from '../base/user-error.ts';
import {
  type Context,
  type DamosFilterType,
  type Filter,
  type Kdamond,
  type Ops,
  type QuotaGoal,
  type Scheme,
  type Target,
  type TriedRegion,
  defaultContext,
  defaultKdamond,
  defaultScheme,
} from '../model/damon-params.ts';
import { type Fs, KDAMONDS_DIR } from './fs.ts';

class TreeReader {
  constructor(readonly fs: Fs) {}
  text(path: string): string {
    return this.fs.read(path).trim();
  }
  opt(path: string): string | null {
    return this.fs.isFile(path) ? this.text(path) : null;
  }
  int(path: string): bigint {
    const t = this.text(path);
    if (!/^-?\d+$/.test(t)) throw new UserError(`${this.fs.shown(path)} holds '${t}', not a number`);
    return BigInt(t);
  }
  optInt(path: string, dflt: bigint): bigint {
    return this.fs.isFile(path) ? this.int(path) : dflt;
  }
  yn(path: string, dflt: boolean): boolean {
    const t = this.opt(path);
    return t === null ? dflt : t === 'Y' || t === '1' || t.toLowerCase() === 'true';
  }
  count(path: string): number {
    return Number(this.int(path));
  }
  /** All numeric child dirs, sorted numerically. */
  numericDirs(path: string): string[] {
    return this.fs
      .list(path)
      .filter((n) => /^\d+$/.test(n) && this.fs.isDir(`${path}/${n}`))
      .sort((a, b) => Number(a) - Number(b));
  }
}

const n = (v: bigint): PyNum => v;

function readFilters(r: TreeReader, dir: string): Filter[] {
  if (!r.fs.isDir(dir)) return [];
  const out: Filter[] = [];
  const count = r.count(`${dir}/nr_filters`);
  for (let i = 0; i < count; i++) {
    const d = `${dir}/${i}`;
    const allow = r.fs.isFile(`${d}/allow`) ? r.yn(`${d}/allow`, false) : r.yn(`${d}/pass`, false);
    out.push({
      filterType: r.text(`${d}/type`) as DamosFilterType,
      matching: r.yn(`${d}/matching`, false),
      allow,
      memcgPath: r.opt(`${d}/memcg_path`) ?? '',
      addressRange: { start: r.optInt(`${d}/addr_start`, 0n), end: r.optInt(`${d}/addr_end`, 0n) },
      damonTargetIdx: r.optInt(`${d}/damon_target_idx`, 0n),
      hugepageSize: [r.optInt(`${d}/min`, 0n), r.optInt(`${d}/max`, 0n)],
    });
  }
  return out;
}

function readScheme(r: TreeReader, d: string): Scheme {
  const s = defaultScheme();
  s.action = r.text(`${d}/action`);
  const nid = r.opt(`${d}/target_nid`);
  s.targetNid = nid === null ? null : Number(nid);
  if (r.fs.isDir(`${d}/dests`)) {
    const nd = r.count(`${d}/dests/nr_dests`);
    for (let i = 0; i < nd; i++) {
      s.dests.push({ id: Number(r.int(`${d}/dests/${i}/id`)), weight: Number(r.int(`${d}/dests/${i}/weight`)) });
    }
  }
  const ap = `${d}/access_pattern`;
  s.accessPattern = {
    szBytes: { min: r.int(`${ap}/sz/min`), max: r.int(`${ap}/sz/max`) },
    nrAccesses: { min: n(r.int(`${ap}/nr_accesses/min`)), max: n(r.int(`${ap}/nr_accesses/max`)) },
    nrAccessesUnit: 'samples',
    age: { min: n(r.int(`${ap}/age/min`)), max: n(r.int(`${ap}/age/max`)) },
    ageUnit: 'aggr_intervals',
  };
  s.applyIntervalUs = n(r.optInt(`${d}/apply_interval_us`, 0n));
  const q = `${d}/quotas`;
  s.quotas.timeMs = n(r.int(`${q}/ms`));
  s.quotas.szBytes = r.int(`${q}/bytes`);
  s.quotas.resetIntervalMs = n(r.int(`${q}/reset_interval_ms`));
  s.quotas.effectiveSzBytes = r.optInt(`${q}/effective_bytes`, 0n);
  s.quotas.failChargeNum = n(r.optInt(`${q}/fail_charge_num`, 0n));
  s.quotas.failChargeDenom = n(r.optInt(`${q}/fail_charge_denom`, 0n));
  s.quotas.goalTuner = r.opt(`${q}/goal_tuner`) ?? 'consist';
  s.quotas.weights = {
    szPermil: n(r.int(`${q}/weights/sz_permil`)),
    nrAccessesPermil: n(r.int(`${q}/weights/nr_accesses_permil`)),
    agePermil: n(r.int(`${q}/weights/age_permil`)),
  };
  if (r.fs.isDir(`${q}/goals`)) {
    s.quotas.goals = r.numericDirs(`${q}/goals`).map((g): QuotaGoal => {
      const gd = `${q}/goals/${g}`;
      const metric = r.opt(`${gd}/target_metric`) ?? 'user_input';
      const nidText = /^node_/.test(metric) ? r.opt(`${gd}/nid`) : null;
      const path = /^node_memcg_/.test(metric) ? r.opt(`${gd}/path`) : null;
      return {
        metric,
        targetValue: n(r.int(`${gd}/target_value`)),
        currentValue: n(r.int(`${gd}/current_value`)),
        nid: nidText === null ? null : BigInt(nidText),
        memcgPath: path,
      };
    });
  }
  const w = `${d}/watermarks`;
  s.watermarks = {
    metric: r.text(`${w}/metric`),
    intervalUs: n(r.int(`${w}/interval_us`)),
    highPermil: n(r.int(`${w}/high`)),
    midPermil: n(r.int(`${w}/mid`)),
    lowPermil: n(r.int(`${w}/low`)),
  };
  s.filters = r.fs.isDir(`${d}/core_filters`)
    ? [...readFilters(r, `${d}/core_filters`), ...readFilters(r, `${d}/ops_filters`), ...readFilters(r, `${d}/filters`)]
    : readFilters(r, `${d}/filters`);
  const st = `${d}/stats`;
  if (r.fs.isDir(st)) {
    s.stats = {
      nrTried: r.optInt(`${st}/nr_tried`, 0n),
      szTried: r.optInt(`${st}/sz_tried`, 0n),
      nrApplied: r.optInt(`${st}/nr_applied`, 0n),
      szApplied: r.optInt(`${st}/sz_applied`, 0n),
      szOpsFilterPassed: r.optInt(`${st}/sz_ops_filter_passed`, 0n),
      qtExceeds: r.optInt(`${st}/qt_exceeds`, 0n),
      nrSnapshots: r.optInt(`${st}/nr_snapshots`, 0n),
      maxNrSnapshots: r.optInt(`${st}/max_nr_snapshots`, 0n),
    };
    s.maxNrSnapshots = s.stats.maxNrSnapshots;
  }
  const tr = `${d}/tried_regions`;
  if (r.fs.isDir(tr)) {
    s.triedBytes = r.optInt(`${tr}/total_bytes`, 0n);
    s.triedRegions = r.numericDirs(tr).map((i): TriedRegion => {
      const rd = `${tr}/${i}`;
      return {
        start: r.int(`${rd}/start`),
        end: r.int(`${rd}/end`),
        nrAccesses: { samples: Number(r.int(`${rd}/nr_accesses`)), percent: null },
        age: { usec: null, aggrIntervals: n(r.int(`${rd}/age`)) },
        probeHits: [],
        szFilterPassed: n(r.optInt(`${rd}/sz_filter_passed`, 0n)),
      };
    });
  }
  return s;
}

function readContext(r: TreeReader, d: string): Context {
  const c = defaultContext(r.text(`${d}/operations`) as Ops);
  c.addrUnit = n(r.optInt(`${d}/addr_unit`, 1n));
  c.pause = r.yn(`${d}/pause`, false);
  const iv = `${d}/monitoring_attrs/intervals`;
  c.intervals.sampleUs = n(r.int(`${iv}/sample_us`));
  c.intervals.aggrUs = n(r.int(`${iv}/aggr_us`));
  c.intervals.opsUpdateUs = n(r.int(`${iv}/update_us`));
  if (r.fs.isDir(`${iv}/intervals_goal`)) {
    const g = `${iv}/intervals_goal`;
    c.intervals.goal = {
      accessBp: n(r.int(`${g}/access_bp`)),
      aggrs: n(r.int(`${g}/aggrs`)),
      minSampleUs: n(r.int(`${g}/min_sample_us`)),
      maxSampleUs: n(r.int(`${g}/max_sample_us`)),
    };
  }
  c.nrRegions = { min: n(r.int(`${d}/monitoring_attrs/nr_regions/min`)), max: n(r.int(`${d}/monitoring_attrs/nr_regions/max`)) };
  const nt = r.count(`${d}/targets/nr_targets`);
  for (let i = 0; i < nt; i++) {
    const td = `${d}/targets/${i}`;
    const t: Target = {
      pid: Number(r.optInt(`${td}/pid_target`, 0n)),
      obsolete: r.yn(`${td}/obsolete_target`, false),
      regions: [],
    };
    const nr = r.count(`${td}/regions/nr_regions`);
    for (let k = 0; k < nr; k++) {
      t.regions.push({ start: r.int(`${td}/regions/${k}/start`), end: r.int(`${td}/regions/${k}/end`) });
    }
    c.targets.push(t);
  }
  const ns = r.count(`${d}/schemes/nr_schemes`);
  for (let i = 0; i < ns; i++) c.schemes.push(readScheme(r, `${d}/schemes/${i}`));
  return c;
}

export function readKdamond(fs: Fs, idx: number): Kdamond {
  const r = new TreeReader(fs);
  const d = `${KDAMONDS_DIR}/${idx}`;
  const k = defaultKdamond();
  k.state = r.text(`${d}/state`);
  k.pid = r.text(`${d}/pid`);
  k.refreshMs = n(r.optInt(`${d}/refresh_ms`, 0n));
  const nc = r.count(`${d}/contexts/nr_contexts`);
  for (let i = 0; i < nc; i++) k.contexts.push(readContext(r, `${d}/contexts/${i}`));
  return k;
}

export function nrKdamonds(fs: Fs): number {
  return Number(pyInt(BigInt(fs.read(`${KDAMONDS_DIR}/nr_kdamonds`).trim())));
}

export function readKdamonds(fs: Fs): Kdamond[] {
  const count = nrKdamonds(fs);
  return Array.from({ length: count }, (_, i) => readKdamond(fs, i));
}

/** `on`/`off` of every kdamond, without reading the rest. */
export function kdamondStates(fs: Fs): { idx: number; state: string; pid: string }[] {
  const count = nrKdamonds(fs);
  return Array.from({ length: count }, (_, idx) => ({
    idx,
    state: fs.read(`${KDAMONDS_DIR}/${idx}/state`).trim(),
    pid: fs.isFile(`${KDAMONDS_DIR}/${idx}/pid`) ? fs.read(`${KDAMONDS_DIR}/${idx}/pid`).trim() : '-1',
  }));
}
