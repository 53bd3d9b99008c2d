// Live access snapshots of kernel DAMON (spec/control.md §6.7, spec/records.md §4.4):
// a DAMOS `stat` scheme covering all memory is added to each running context this damo
// started (unless one is there), committed, its tried regions refreshed and read, and
// the original setup committed back. A kdamond someone else started is only read.
import { ULONG_MAX, toFloat } from '../base/py-num.ts';
import { UserError } from '../base/user-error.ts';
import type { Context, Filter, Kdamond, Scheme } from '../model/damon-params.ts';
import { defaultScheme } from '../model/damon-params.ts';
import { type DamonRecord, type Snapshot, sumRegionSizes } from '../model/record.ts';
import { DryRunFs, type Fs, KDAMONDS_DIR, SysfsWriteError } from './fs.ts';
import { damonStatRecord, damonStatUsable } from './damon-stat-snapshot.ts';
import type { KernelControl } from './kernel-control.ts';
import { mergeSnapshotRegions } from '../model/merge-snapshot-regions.ts';
import { kdamondStates, readKdamonds } from './read-kdamonds.ts';
import { accessPatternInKernelUnits, stageOneKdamond } from './stage-kdamonds.ts';

export interface TriedRegionsRequest {
  /** Only this kdamond/context/scheme's tried regions; nothing is installed. */
  triedRegionsOf?: [number, number, number] | null;
  dontMergeRegions?: boolean;
  /** DAMOS filters of the monitoring scheme (`--snapshot_damos_filter`). */
  damosFilters?: Filter[];
  /** The clock, in ns since the epoch (tests pin it). */
  nowNs?: () => number;
}

/** Age ceiling (aggregation intervals) from which a scheme counts as matching any age. */
const ANY_AGE = 4294967295n;

const nowNsDefault = () => (performance.timeOrigin + performance.now()) * 1e6;

/** The monitoring-only scheme: stat action, every region, no quota, the requested filters. */
export function monitorScheme(filters: Filter[], ctx: Context, applyInterval: boolean): Scheme {
  const s = defaultScheme();
  s.filters = filters.map((f) => ({ ...f }));
  // Refreshing tried regions waits for the next apply: apply at every sampling.
  if (applyInterval) s.applyIntervalUs = ctx.intervals.sampleUs;
  return s;
}

function filtersEqual(a: Filter[], b: Filter[]): boolean {
  const key = (f: Filter) =>
    JSON.stringify([
      f.filterType,
      f.matching,
      f.allow,
      f.filterType === 'memcg' ? f.memcgPath : null,
      f.filterType === 'addr' ? [String(f.addressRange?.start), String(f.addressRange?.end)] : null,
      f.filterType === 'target' ? String(f.damonTargetIdx) : null,
      f.filterType === 'hugepage_size' ? f.hugepageSize?.map(String) : null,
    ]);
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/**
 * Whether `s` (as read back, kernel units) already shows every region the way the
 * monitoring scheme would: a `stat` scheme with an all-covering pattern, no quota or
 * watermarks, and the same filters. Its apply interval does not matter for that.
 */
export function schemeCoversAll(s: Scheme, ctx: Context, filters: Filter[]): boolean {
  if (s.action !== 'stat') return false;
  const ku = accessPatternInKernelUnits(s.accessPattern, ctx.intervals);
  const maxSamples = BigInt(Math.floor(toFloat(ctx.intervals.aggrUs) / toFloat(ctx.intervals.sampleUs)));
  const p = s.accessPattern;
  return (
    p.szBytes.min === 0n &&
    p.szBytes.max === ULONG_MAX &&
    ku.nrAccesses[0] === 0n &&
    ku.nrAccesses[1] >= maxSamples &&
    ku.age[0] === 0n &&
    ku.age[1] >= ANY_AGE &&
    toFloat(s.quotas.timeMs) === 0 &&
    s.quotas.szBytes === 0n &&
    s.quotas.goals.length === 0 &&
    s.watermarks.metric === 'none' &&
    filtersEqual(s.filters, filters)
  );
}

function recordOf(kd: Kdamond, ki: number, ci: number, si: number, req: TriedRegionsRequest, now: number): DamonRecord {
  const ctx = kd.contexts[ci];
  const s: Scheme | undefined = ctx.schemes[si];
  const regions = (s?.triedRegions ?? []).map((r) => ({ ...r }));
  const aggrNs = toFloat(ctx.intervals.aggrUs) * 1000;
  const snap: Snapshot = {
    startTime: now - aggrNs,
    endTime: now,
    regions: req.dontMergeRegions ? regions : mergeSnapshotRegions(regions),
    totalBytes: s?.triedBytes ?? sumRegionSizes(regions),
    damosStats: s?.stats ?? null,
    sampleIntervalUs: null,
  };
  return {
    kdamondIdx: ki,
    contextIdx: ci,
    intervals: { ...ctx.intervals, goal: { ...ctx.intervals.goal } },
    schemeIdx: si,
    targetId: null,
    schemeFilters: s?.filters ?? [],
    snapshots: [snap],
    dataSource: 'unknown',
  };
}

function cloneKdamond(k: Kdamond): Kdamond {
  return structuredClone(k);
}

/** Writes state commands, retrying busy moments (up to 5 tries, randomized backoff). */
class Commander {
  constructor(
    readonly fs: Fs,
    readonly sleep: (ms: number) => Promise<void>,
  ) {}
  async cmd(idx: number, command: string, opts: { ignoreInval?: boolean } = {}): Promise<void> {
    for (let n = 1; ; n++) {
      try {
        this.fs.write(`${KDAMONDS_DIR}/${idx}/state`, command);
        return;
      } catch (e) {
        const inval = e instanceof SysfsWriteError && e.message.includes('Invalid argument');
        if (opts.ignoreInval && inval) return;
        if (n >= 5 || !(e instanceof SysfsWriteError)) throw e;
        await this.sleep(10 * 2 ** (n - 1) * (1 + Math.random()));
      }
    }
  }
}

export async function takeTriedRegionsSnapshot(ctl: KernelControl, req: TriedRegionsRequest = {}): Promise<DamonRecord[]> {
  const { fs, started, sleep } = ctl.d;
  const now = req.nowNs ?? nowNsDefault;
  const filters = req.damosFilters ?? [];
  const have = ctl.features();
  const sysfs = fs.isDir(KDAMONDS_DIR);
  const states = sysfs ? kdamondStates(fs) : [];
  const running = states.filter((s) => s.state === 'on');
  if (running.length === 0) {
    if (!req.triedRegionsOf && filters.length === 0 && damonStatUsable(fs, have)) {
      return [damonStatRecord(fs, { dontMergeRegions: Boolean(req.dontMergeRegions), nowNs: now() })];
    }
    if (!sysfs) {
      throw new UserError(`DAMON sysfs interface not found (${fs.shown(KDAMONDS_DIR)}) and DAMON_STAT is not running; nothing to snapshot`);
    }
    throw new UserError('no kdamond running to snapshot; start DAMON (damo start) or give a record file with --input');
  }
  if (!have.has('sysfs/schemes_tried_regions')) {
    throw new UserError('live snapshots read DAMOS tried regions, which this kernel lacks (needs Linux 6.2 or later: sysfs/schemes_tried_regions)');
  }
  const isOurs = (idx: number) => {
    const s = states[idx];
    return s !== undefined && s.state === 'on' && started.isOurs(ctl.tree, idx, s.pid);
  };
  const commander = new Commander(fs, sleep);
  const refresh = async (ki: number, kd: Kdamond) => {
    const selfRefresh = toFloat(kd.refreshMs) !== 0;
    if (!selfRefresh) await commander.cmd(ki, 'update_schemes_stats');
    if (!selfRefresh && have.has('sysfs/intervals_goal')) await commander.cmd(ki, 'update_tuned_intervals', { ignoreInval: true });
    await commander.cmd(ki, 'update_schemes_tried_regions');
  };

  if (req.triedRegionsOf) return triedRegionsOf(ctl, req, isOurs, refresh, now);

  let before = readKdamonds(fs);
  const ours = running.map((s) => s.idx).filter(isOurs);
  const tunedOnes = ours.filter((ki) => before[ki].contexts.some((c) => toFloat(c.intervals.goal.aggrs) !== 0));
  if (tunedOnes.length > 0) {
    for (const ki of tunedOnes) await commander.cmd(ki, 'update_tuned_intervals', { ignoreInval: true });
    before = readKdamonds(fs);
  }

  // Which scheme of each context gives the snapshot; contexts of ours may get a new one.
  const chosen: { ki: number; ci: number; si: number }[] = [];
  const changed = new Map<number, Kdamond>();
  for (const ki of ours) {
    const kd = before[ki];
    kd.contexts.forEach((c, ci) => {
      const at = c.schemes.findIndex((s) => schemeCoversAll(s, c, filters));
      if (at >= 0) {
        chosen.push({ ki, ci, si: at });
        return;
      }
      const k2 = changed.get(ki) ?? cloneKdamond(kd);
      changed.set(ki, k2);
      // A dry run cannot see the optional files of a scheme directory it never made.
      const applyInterval = have.has('sysfs/schemes_apply_interval') && !(fs instanceof DryRunFs);
      k2.contexts[ci].schemes.push(monitorScheme(filters, c, applyInterval));
      chosen.push({ ki, ci, si: c.schemes.length });
    });
  }
  const foreignNoted: string[] = [];
  for (const st of running.filter((s) => !isOurs(s.idx))) {
    const kd = before[st.idx];
    let found = false;
    kd.contexts.forEach((c, ci) => {
      const at = c.schemes.findIndex((s) => schemeCoversAll(s, c, filters) && (s.triedRegions?.length ?? 0) > 0);
      if (at >= 0) {
        chosen.push({ ki: st.idx, ci, si: at });
        found = true;
      }
    });
    if (!found) foreignNoted.push(`kdamond ${st.idx} (pid ${st.pid})`);
  }
  if (ours.length === 0 && chosen.length === 0) {
    throw new UserError(
      `${foreignNoted.join(', ')} was not started by this damo and shows no tried regions of an all-memory stat scheme; a snapshot would have to change it, so it is left alone (read a scheme's regions its owner refreshed with --input tried_regions_of <kdamond> <context> <scheme>)`,
    );
  }

  const committed: number[] = [];
  let after: Kdamond[];
  try {
    for (const [ki, k2] of changed) {
      stageOneKdamond(fs, k2, ki);
      committed.push(ki);
      await commander.cmd(ki, 'commit');
    }
    for (const ki of ours) await refresh(ki, before[ki]);
    after = readKdamonds(fs);
  } finally {
    // Put back what was there, keeping intervals DAMON tuned meanwhile.
    const tunedNow = committed.length > 0 ? safeRead(fs) : null;
    for (const ki of committed) {
      const orig = cloneKdamond(before[ki]);
      orig.contexts.forEach((c, ci) => {
        const now2 = tunedNow?.[ki]?.contexts[ci];
        if (now2 && toFloat(c.intervals.goal.aggrs) !== 0) {
          c.intervals.sampleUs = now2.intervals.sampleUs;
          c.intervals.aggrUs = now2.intervals.aggrUs;
        }
      });
      stageOneKdamond(fs, orig, ki);
      await commander.cmd(ki, 'commit');
    }
  }
  const t = now();
  return chosen.map(({ ki, ci, si }) => recordOf(after[ki], ki, ci, si, req, t));
}

function safeRead(fs: Fs): Kdamond[] | null {
  try {
    return readKdamonds(fs);
  } catch {
    return null;
  }
}

async function triedRegionsOf(
  ctl: KernelControl,
  req: TriedRegionsRequest,
  isOurs: (idx: number) => boolean,
  refresh: (ki: number, kd: Kdamond) => Promise<void>,
  now: () => number,
): Promise<DamonRecord[]> {
  const [ki, ci, si] = req.triedRegionsOf!;
  const fs = ctl.d.fs;
  const before = readKdamonds(fs);
  const kd = before[ki];
  if (kd === undefined) throw new UserError(`there is no kdamond ${ki} (${before.length} exist)`);
  if (kd.state !== 'on') throw new UserError(`kdamond ${ki} is not running`);
  if (kd.contexts[ci] === undefined) throw new UserError(`kdamond ${ki} has no context ${ci}`);
  if (kd.contexts[ci].schemes[si] === undefined) throw new UserError(`kdamond ${ki} context ${ci} has no scheme ${si}`);
  if (!isOurs(ki)) {
    if ((kd.contexts[ci].schemes[si].triedRegions?.length ?? 0) === 0) {
      throw new UserError(
        `kdamond ${ki} (pid ${kd.pid}) was not started by this damo and its scheme ${si} shows no tried regions; refreshing them would write to it, so it is left alone`,
      );
    }
    return [recordOf(kd, ki, ci, si, req, now())];
  }
  await refresh(ki, kd);
  return [recordOf(readKdamonds(fs)[ki], ki, ci, si, req, now())];
}
