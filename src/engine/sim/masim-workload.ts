// A masim workload run on the virtual clock as an engine access source: phases and
// probability-weighted pattern steps as masim executes them (spec/damon-core.md §13.2),
// in the simulated process layout of address-space.ts. Steps take `stepUs` each (masim's
// speed is the hardware's; this is the model's one throughput knob).
import { UserError } from '../../base/user-error.ts';
import type { AccessSource, PageRun } from '../access-source.ts';
import type { AddrRange, DamosActionName } from '../config.ts';
import { Prng } from '../prng.ts';
import { IntervalSet } from './interval-set.ts';
import { layoutProcess, type ProcessLayout, type SimVma } from './address-space.ts';
import type { MasimConfig } from './masim-config.ts';

const PAGE = 4096;

export interface MasimSimOptions {
  seed?: number;
  /** Virtual duration of one pattern step (masim's 131072 accesses); default 5 ms. */
  stepUs?: number;
  accessesPerStep?: number;
  /** Runs of the whole config, as masim's --repeat. */
  repeat?: number;
  /** System memory, for watermark and quota-goal metrics. */
  systemMemBytes?: number;
  /** Keep every step so `touchedBytes` can tell the truth for any past window. */
  keepHistory?: boolean;
}

type Touch =
  | { kind: 'seq'; ri: number; stride: number; cycle: number; from: number; n: number }
  | { kind: 'rand'; ri: number; n: number };

interface Step {
  startUs: number;
  endUs: number;
  touch: Touch | null;
}

interface RegionState {
  name: string;
  mapStart: number;
  mapEnd: number;
  base: number;
  size: number;
  nonResident: IntervalSet;
  lastTouchUs: number;
  touchGen: number;
  touches: Touch[];
}

/** Positions of a sequential cycle: offsets stride, 2·stride, …, k·stride, then 0. */
function cycleLen(size: number, stride: number): number {
  if (stride <= 0 || stride >= size) return 1;
  return Math.floor((size - 1) / stride) + 1;
}

export class MasimWorkload implements AccessSource {
  readonly layout: ProcessLayout;
  /** When the process exited (µs), or Infinity while it still runs. */
  endUs = Infinity;
  nowUs = 0;
  private readonly regions: RegionState[];
  private readonly byAddr: RegionState[];
  private readonly hotRanges: AddrRange[];
  private readonly rng: Prng;
  private readonly stepUs: number;
  private readonly accessesPerStep: number;
  private readonly repeat: number;
  private readonly systemMemBytes: number;
  private readonly history: Step[] | null;
  private phaseIdx = 0;
  private round = 0;
  private phaseStartUs = 0;
  private nextStepUs = 0;
  private seqPos = new Map<number, number>();
  private carry: Step | null = null;
  private gen = 0;

  constructor(
    readonly config: MasimConfig,
    opts: MasimSimOptions = {},
  ) {
    if (config.phases.length === 0) throw new UserError('the workload has no phase');
    let total = 0;
    for (const r of config.regions) total += r.size;
    if (total > 2 ** 46) throw new UserError('the workload allocates more than 64 TiB, which a process address space cannot hold');
    this.layout = layoutProcess(config.regions);
    this.regions = this.layout.regions.map((p) => {
      const nonResident = new IntervalSet();
      nonResident.add(p.mapStart, p.mapEnd); // masim does not touch memory at allocation
      return { ...p, nonResident, lastTouchUs: -Infinity, touchGen: -1, touches: [] };
    });
    this.byAddr = [...this.regions].sort((a, b) => a.mapStart - b.mapStart);
    const text = this.layout.vmas[1];
    const stack = this.layout.vmas[this.layout.vmas.length - 1];
    // masim's access loop runs from one page of its text; the rest of the binary is
    // cold after start-up, as on a real process.
    this.hotRanges = [
      { start: text.start, end: text.start + PAGE },
      { start: stack.end - 2 * PAGE, end: stack.end },
    ];
    this.rng = new Prng(opts.seed ?? 1);
    this.stepUs = Math.max(1, opts.stepUs ?? 5000);
    this.accessesPerStep = opts.accessesPerStep ?? 131072;
    this.repeat = Math.max(1, opts.repeat ?? 1);
    this.systemMemBytes = opts.systemMemBytes ?? 16 * 2 ** 30;
    this.history = opts.keepHistory ? [] : null;
  }

  /** Total virtual run time if every phase ran exactly its duration. */
  get nominalDurationUs(): number {
    return this.config.phases.reduce((n, p) => n + p.durationMs * 1000, 0) * this.repeat;
  }

  get running(): boolean {
    return this.nowUs < this.endUs;
  }

  vmas(ti: number): AddrRange[] | null {
    this.checkTarget(ti);
    if (!this.running) return null;
    return this.layout.vmas.map((v) => ({ start: v.start, end: v.end }));
  }

  targetValid(ti: number): boolean {
    this.checkTarget(ti);
    return this.running;
  }

  private checkTarget(ti: number): void {
    if (ti !== 0) throw new RangeError(`a simulated process is one target (asked for target ${ti})`);
  }

  private genStep(): Step | null {
    if (this.nextStepUs >= this.endUs) return null;
    const phase = this.config.phases[this.phaseIdx];
    let total = 0;
    for (const p of phase.patterns) total += p.probability;
    let touch: Touch | null = null;
    if (total > 0) {
      let x = this.rng.below(total);
      let pi = 0;
      while (x >= phase.patterns[pi].probability) x -= phase.patterns[pi++].probability;
      const pat = phase.patterns[pi];
      const ri = this.config.regions.findIndex((r) => r.name === pat.region);
      const size = this.regions[ri].size;
      if (pat.random) touch = { kind: 'rand', ri, n: this.accessesPerStep };
      else {
        const cycle = cycleLen(size, pat.stride);
        const from = this.seqPos.get(pi) ?? 0;
        touch = { kind: 'seq', ri, stride: pat.stride, cycle, from, n: this.accessesPerStep };
        this.seqPos.set(pi, (from + this.accessesPerStep) % cycle);
      }
    }
    const step: Step = { startUs: this.nextStepUs, endUs: this.nextStepUs + this.stepUs, touch };
    this.nextStepUs = step.endUs;
    if (step.endUs - this.phaseStartUs > phase.durationMs * 1000) {
      this.phaseIdx++;
      this.phaseStartUs = step.endUs;
      this.seqPos = new Map();
      if (this.phaseIdx === this.config.phases.length) {
        this.phaseIdx = 0;
        this.round++;
        if (this.round === this.repeat) this.endUs = step.endUs;
      }
    }
    this.history?.push(step);
    return step;
  }

  private applyTouch(step: Step): void {
    const t = step.touch;
    if (!t) return;
    const r = this.regions[t.ri];
    if (r.touchGen !== this.gen) {
      r.touchGen = this.gen;
      r.touches = [];
    }
    r.touches.push(t);
    r.lastTouchUs = Math.max(r.lastTouchUs, Math.min(step.endUs, this.nowUs));
    if (t.kind === 'seq' && t.n < t.cycle) {
      const a = (t.from + 1) % t.cycle;
      const b = a + t.n; // exclusive, may wrap
      const fault = (p: number, q: number): void => {
        const s = r.base + p * t.stride;
        const e = r.base + (q - 1) * t.stride + 1;
        r.nonResident.remove(s - (s % PAGE), Math.ceil(e / PAGE) * PAGE);
      };
      if (b <= t.cycle) fault(a, b);
      else {
        fault(a, t.cycle);
        fault(0, b - t.cycle);
      }
    } else {
      r.nonResident.clear(); // a full sweep or a random step faults in the whole area (model)
    }
  }

  advanceTo(nowUs: number): void {
    if (nowUs <= this.nowUs) return;
    const prev = this.nowUs;
    this.nowUs = nowUs;
    this.gen++;
    if (this.carry && this.carry.endUs > prev) this.applyTouch(this.carry);
    this.carry = null;
    while (this.nextStepUs < nowUs) {
      const s = this.genStep();
      if (!s) break;
      this.applyTouch(s);
      if (s.endUs > nowUs) this.carry = s;
    }
  }

  private regionAt(addr: number): RegionState | null {
    const a = this.byAddr;
    let lo = 0;
    let hi = a.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (addr < a[mid].mapStart) hi = mid - 1;
      else if (addr >= a[mid].mapEnd) lo = mid + 1;
      else return a[mid];
    }
    return null;
  }

  accessed(ti: number, addr: number): boolean {
    if (ti !== 0) return false;
    const page = addr - (addr % PAGE);
    const r = this.regionAt(addr);
    if (!r) {
      if (!this.running) return false;
      for (const h of this.hotRanges) if (addr >= h.start && addr < h.end) return true;
      return false;
    }
    if (r.touchGen !== this.gen) return false;
    const relS = Math.max(page - r.base, 0);
    const relE = Math.min(page + PAGE - r.base, r.size);
    if (relE <= relS) return false;
    for (const t of r.touches) {
      if (t.kind === 'rand') {
        const p = 1 - Math.pow(1 - (relE - relS) / r.size, t.n);
        if (this.rng.float() < p) return true;
        continue;
      }
      let pLo: number;
      let pHi: number;
      if (t.cycle === 1) {
        if (relS !== 0) continue;
        pLo = pHi = 0;
      } else {
        pLo = Math.ceil(relS / t.stride);
        pHi = Math.min(Math.floor((relE - 1) / t.stride), t.cycle - 1);
        if (pLo > pHi) continue;
      }
      if (t.n >= t.cycle) return true;
      const a = (t.from + 1) % t.cycle;
      const b = a + t.n - 1;
      if (b < t.cycle) {
        if (pLo <= b && pHi >= a) return true;
      } else if (pHi >= a || pLo <= b - t.cycle) return true;
    }
    return false;
  }

  private vmaRuns(v: SimVma, s: number, e: number, out: PageRun[]): void {
    const plain = (ps: number, pe: number): void => {
      if (ps >= pe) return;
      const young = this.hotRanges.some((h) => h.start < pe && ps < h.end);
      out.push({ start: ps, end: pe, props: { anon: v.anon, active: true, memcgId: 0, young, folioSize: PAGE, mapped: true } });
    };
    let cur = s;
    for (const area of this.byAddr) {
      const as = Math.max(area.mapStart, cur);
      const ae = Math.min(area.mapEnd, e);
      if (as >= ae) continue;
      plain(cur, as);
      const props = {
        anon: true,
        active: this.nowUs - area.lastTouchUs < 1_000_000,
        memcgId: 0,
        young: area.touchGen === this.gen,
        folioSize: PAGE,
        mapped: true,
      };
      for (const [gs, ge] of area.nonResident.gaps(as, ae)) out.push({ start: gs, end: ge, props });
      cur = ae;
    }
    plain(cur, e);
  }

  pageRuns(ti: number, start: number, end: number): Iterable<PageRun> {
    const out: PageRun[] = [];
    if (ti !== 0 || !this.running) return out;
    for (const v of this.layout.vmas) {
      const s = Math.max(v.start, start);
      const e = Math.min(v.end, end);
      if (s < e) this.vmaRuns(v, s, e, out);
    }
    return out;
  }

  applyAction(ti: number, start: number, end: number, action: DamosActionName, _targetNid: number): number {
    if (ti !== 0 || !this.running) return 0;
    let n = 0;
    for (const r of this.regions) {
      const s = Math.max(r.mapStart, start);
      const e = Math.min(r.mapEnd, end);
      if (s >= e) continue;
      const resident = e - s - r.nonResident.overlap(s, e);
      switch (action) {
        case 'pageout':
          r.nonResident.add(s, e);
          n += resident;
          break;
        case 'willneed':
          r.nonResident.remove(s, e);
          n += e - s - resident;
          break;
        case 'migrate_hot':
        case 'migrate_cold':
          break; // one NUMA node: nothing to move
        default:
          n += resident;
      }
    }
    return n;
  }

  /** Bytes of the workload's areas that are resident now. */
  residentBytes(): number {
    let n = 0;
    for (const r of this.regions) n += r.mapEnd - r.mapStart - r.nonResident.total;
    return n;
  }

  metric(name: 'free_mem_rate' | 'node_mem_used_bp' | 'node_mem_free_bp' | 'some_mem_psi_us', _nid: number): number | null {
    const used = Math.min(this.systemMemBytes, 2 ** 30 + this.residentBytes());
    switch (name) {
      case 'free_mem_rate':
        return Math.floor(((this.systemMemBytes - used) * 1000) / this.systemMemBytes);
      case 'node_mem_used_bp':
        return Math.floor((used * 10000) / this.systemMemBytes);
      case 'node_mem_free_bp':
        return Math.floor(((this.systemMemBytes - used) * 10000) / this.systemMemBytes);
      default:
        return 0;
    }
  }

  /**
   * The truth for a past window: bytes of pages the workload touched in [fromUs, toUs).
   * Needs `keepHistory`. Random steps count their expected coverage.
   */
  touchedBytes(fromUs: number, toUs: number): number {
    if (!this.history) throw new Error('touchedBytes needs keepHistory');
    const perRegion = new Map<number, { full: boolean; seqPages: number; randN: number }>();
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].endUs <= fromUs) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.history.length && this.history[i].startUs < toUs; i++) {
      const t = this.history[i].touch;
      if (!t) continue;
      const acc = perRegion.get(t.ri) ?? { full: false, seqPages: 0, randN: 0 };
      perRegion.set(t.ri, acc);
      if (t.kind === 'rand') acc.randN += t.n;
      else if (t.n >= t.cycle) acc.full = true;
      else acc.seqPages += t.stride >= PAGE ? t.n : Math.ceil((t.n * t.stride) / PAGE);
    }
    let bytes = 0;
    let running = false;
    for (const [ri, acc] of perRegion) {
      running = true;
      const r = this.regions[ri];
      const pages = Math.ceil((r.base + r.size) / PAGE) - Math.floor(r.base / PAGE);
      if (acc.full) bytes += pages * PAGE;
      else {
        let p = Math.min(pages, acc.seqPages);
        if (acc.randN) p = Math.max(p, pages * (1 - Math.pow(1 - PAGE / r.size, acc.randN)));
        bytes += Math.min(pages, p) * PAGE;
      }
    }
    if (running || fromUs < this.endUs) for (const h of this.hotRanges) bytes += h.end - h.start;
    return bytes;
  }
}
