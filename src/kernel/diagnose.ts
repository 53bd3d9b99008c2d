// What `damo diagnose` looks at (spec/control.md §1.8: system info, kdamonds with fresh
// stats, tried regions and effective quotas, DAMON modules) and the problems it can tell
// from them. The checks and their words are ours; upstream only collects the data.
import { formatNr, formatSz, formatTimeUs } from '../base/units.ts';
import { toFloat } from '../base/py-num.ts';
import type { Kdamond } from '../model/damon-params.ts';
import type { FeatureSet } from './features.ts';
import type { Fs } from './fs.ts';
import { KDAMONDS_DIR } from './fs.ts';

export interface DiagnoseInput {
  kernelRelease: string;
  damonVersion: string;
  sysfsShown: string;
  sysfsPresent: boolean;
  kdamonds: Kdamond[];
  /** Index -> whether this damo started that kdamond. */
  ours: (idx: number) => boolean;
  modules: { name: string; on: boolean }[];
  features: FeatureSet;
  isAlive: (pid: number) => boolean;
  /** Operations the kernel registered (avail_operations), null when unknown. */
  availOps: string[] | null;
}

export function availableOps(fs: Fs): string[] | null {
  for (const k of fs.list(KDAMONDS_DIR).filter((n) => /^\d+$/.test(n))) {
    for (const c of fs.list(`${KDAMONDS_DIR}/${k}/contexts`).filter((n) => /^\d+$/.test(n))) {
      const f = `${KDAMONDS_DIR}/${k}/contexts/${c}/avail_operations`;
      if (fs.isFile(f)) return fs.read(f).split(/\s+/).filter(Boolean);
    }
  }
  return null;
}

/** Problems worth a look, one sentence each; empty when everything seems fine. */
export function diagnoseFindings(d: DiagnoseInput): string[] {
  const out: string[] = [];
  if (!d.sysfsPresent) {
    out.push(`the DAMON sysfs interface is missing (${d.sysfsShown}): the kernel needs CONFIG_DAMON_SYSFS (Linux 5.18 or later)`);
    return out;
  }
  const running = d.kdamonds.filter((k) => k.state === 'on');
  if (running.length === 0 && !d.modules.some((m) => m.on)) out.push('no kdamond is running and no DAMON module is enabled: DAMON is idle');
  if (running.length > 0 && d.modules.some((m) => m.on)) {
    out.push(
      `DAMON modules (${d.modules.filter((m) => m.on).map((m) => m.name).join(', ')}) run beside sysfs kdamonds: they monitor and act independently`,
    );
  }
  d.kdamonds.forEach((k, ki) => {
    const where = `kdamond ${ki}`;
    if (k.state === 'on') {
      const pid = Number(k.pid);
      if (!Number.isInteger(pid) || pid <= 0) out.push(`${where} reads on but has no thread pid (${k.pid})`);
      else if (!d.isAlive(pid)) out.push(`${where} reads on but its thread ${pid} is gone`);
    }
    if (k.state === 'on' && k.contexts.length !== 1) out.push(`${where} has ${k.contexts.length} contexts; the kernel runs exactly one`);
    k.contexts.forEach((c, ci) => {
      const cw = `${where} context ${ci}`;
      if (d.availOps !== null && !d.availOps.includes(c.ops)) {
        out.push(`${cw} uses ${c.ops} operations, which this kernel does not offer (available: ${d.availOps.join(', ') || 'none'})`);
      }
      if (toFloat(c.intervals.aggrUs) < toFloat(c.intervals.sampleUs)) {
        out.push(
          `${cw}: aggregation interval ${formatTimeUs(c.intervals.aggrUs)} is shorter than the sampling interval ${formatTimeUs(c.intervals.sampleUs)}, so access counts stay 0`,
        );
      }
      if (toFloat(c.nrRegions.min) > toFloat(c.nrRegions.max)) {
        out.push(`${cw}: minimum number of regions (${formatNr(c.nrRegions.min)}) exceeds the maximum (${formatNr(c.nrRegions.max)})`);
      }
      if (c.ops === 'paddr' && c.targets.length > 1) out.push(`${cw}: paddr takes a single target, not ${c.targets.length}`);
      c.targets.forEach((t, ti) => {
        if (c.ops === 'paddr' || t.pid === null || t.pid === 0) return;
        if (!d.isAlive(t.pid)) out.push(`${cw} target ${ti}: process ${t.pid} is gone; nothing is monitored for it`);
      });
      if (k.state !== 'on') return;
      c.schemes.forEach((s, si) => {
        const sw = `${cw} scheme ${si} (${s.action})`;
        const st = s.stats;
        if (st === null) return;
        if (st.nrTried === 0n) {
          out.push(
            `${sw} has not tried any region: its access pattern may match no region${s.watermarks.metric !== 'none' ? ', or its watermarks keep it inactive' : ''}`,
          );
        } else if (st.nrApplied === 0n && s.action !== 'stat') {
          out.push(`${sw} tried ${formatNr(st.nrTried)} regions (${formatSz(st.szTried)}) but applied to none: filters excluded them or the action failed`);
        }
        if (st.qtExceeds > 0n) out.push(`${sw} hit its quota ${formatNr(st.qtExceeds)} times: it acts on less than it would without the quota`);
      });
    });
  });
  return out;
}
