// start / tune / stop / status of kdamonds through DAMON sysfs (spec/control.md §1.2-1.5,
// §6.2-6.5), with the safety this damo adds: everything is validated and every needed
// feature checked before the first write, and a kdamond this damo did not start is
// never overwritten, committed to or stopped unless named explicitly.
import { pyD } from '../base/py-format.ts';
import { UserError } from '../base/user-error.ts';
import type { Kdamond } from '../model/damon-params.ts';
import { type FeatureSet, detectFeatures } from './features.ts';
import { DryRunFs, type Fs, KDAMONDS_DIR, SysfsWriteError } from './fs.ts';
import { kdamondStates, readKdamonds } from './read-kdamonds.ts';
import { checkKdamondsForKernel, checkPaddrRegionsInRam } from './requirements.ts';
import { stageKdamonds } from './stage-kdamonds.ts';
import type { StartedKdamonds } from './started-kdamonds.ts';

export interface KernelDeps {
  fs: Fs;
  started: StartedKdamonds;
  sleep(ms: number): Promise<void>;
  isAlive(pid: number): boolean;
  /** The span of physical memory for checking paddr regions; null or absent when unknown. */
  systemRam?(): { start: bigint; end: bigint } | null;
  kernelRelease?: string;
  /** Stop waiting for `state` to settle after this long. */
  settleTimeoutMs?: number;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ensureDamonSysfs(fs: Fs): void {
  if (!fs.isDir(KDAMONDS_DIR)) {
    throw new UserError(
      `DAMON sysfs interface not found (${fs.shown(KDAMONDS_DIR)}); it needs Linux 5.18 or later built with CONFIG_DAMON_SYSFS`,
    );
  }
}

const isDryRun = (fs: Fs) => fs instanceof DryRunFs;

export class KernelControl {
  constructor(readonly d: KernelDeps) {}

  get tree(): string {
    return this.d.fs.shown(KDAMONDS_DIR);
  }

  features(): FeatureSet {
    return detectFeatures(this.d.fs, { kernelRelease: this.d.kernelRelease });
  }

  private states() {
    ensureDamonSysfs(this.d.fs);
    return kdamondStates(this.d.fs);
  }

  private foreignText(k: { idx: number; pid: string }): string {
    return `kdamond ${k.idx} (pid ${k.pid})`;
  }

  private async waitStates(indexes: number[], want: 'on' | 'off'): Promise<void> {
    if (isDryRun(this.d.fs)) return;
    const deadline = Date.now() + (this.d.settleTimeoutMs ?? 10000);
    for (;;) {
      const st = kdamondStates(this.d.fs);
      const pending = indexes.filter((i) => (st[i]?.state === 'on') !== (want === 'on'));
      if (pending.length === 0) return;
      if (Date.now() > deadline) {
        throw new UserError(`kdamond ${pending.join(', ')} did not turn ${want} (state still reads ${st[pending[0]]?.state})`);
      }
      await this.d.sleep(want === 'on' ? 100 : 200);
    }
  }

  async start(ks: Kdamond[]): Promise<number[]> {
    const states = this.states();
    const running = states.filter((s) => s.state === 'on');
    const foreign = running.filter((s) => !this.d.started.isOurs(this.tree, s.idx, s.pid));
    if (foreign.length > 0) {
      throw new UserError(
        `${foreign.map((s) => this.foreignText(s)).join(', ')} is running and was not started by this damo; it is left alone (stop it with 'damo stop --kdamond ${foreign[0].idx}' if it is yours)`,
      );
    }
    if (running.length > 0) {
      throw new UserError(
        `DAMON is already running (kdamond ${running.map((s) => s.idx).join(', ')}, started by damo); use 'damo tune' to change it or 'damo stop' first`,
      );
    }
    checkKdamondsForKernel(ks, this.features(), this.d.isAlive);
    checkPaddrRegionsInRam(ks, this.d.systemRam?.() ?? null);
    stageKdamonds(this.d.fs, ks);
    await this.d.sleep(500);
    const turnedOn: number[] = [];
    try {
      for (let i = 0; i < ks.length; i++) {
        this.d.fs.write(`${KDAMONDS_DIR}/${i}/state`, 'on');
        turnedOn.push(i);
      }
    } catch (e) {
      // Leave nothing half-started.
      for (const i of turnedOn) {
        try {
          this.d.fs.write(`${KDAMONDS_DIR}/${i}/state`, 'off');
        } catch {
          /* the first error is the one to report */
        }
      }
      throw e;
    }
    const indexes = ks.map((_, i) => i);
    await this.waitStates(indexes, 'on');
    if (!isDryRun(this.d.fs)) {
      const st = kdamondStates(this.d.fs);
      this.d.started.record(
        this.tree,
        indexes.map((i) => ({ index: i, pid: st[i].pid })),
      );
    }
    return indexes;
  }

  /** tune: stage and commit to running kdamonds this damo started. */
  async commit(ks: Kdamond[], opts: { quotaGoalsOnly?: boolean } = {}): Promise<number[]> {
    const states = this.states();
    const running = states.filter((s) => s.state === 'on');
    if (running.length === 0) throw new UserError('DAMON is not turned on');
    if (ks.length !== states.length) {
      throw new UserError(
        `the parameters have ${ks.length} kdamond(s) but ${states.length} exist; the number cannot change while DAMON runs`,
      );
    }
    const foreign = running.filter((s) => !this.d.started.isOurs(this.tree, s.idx, s.pid));
    if (foreign.length > 0) {
      throw new UserError(
        `${foreign.map((s) => this.foreignText(s)).join(', ')} was not started by this damo; tune leaves it alone`,
      );
    }
    checkKdamondsForKernel(ks, this.features(), this.d.isAlive);
    checkPaddrRegionsInRam(ks, this.d.systemRam?.() ?? null);
    const targets = running.map((s) => s.idx);
    if (opts.quotaGoalsOnly) {
      stageQuotaGoalsOnly(this.d.fs, ks);
      for (const i of targets) this.d.fs.write(`${KDAMONDS_DIR}/${i}/state`, 'commit_schemes_quota_goals');
      return targets;
    }
    stageKdamonds(this.d.fs, ks);
    for (const i of targets) this.d.fs.write(`${KDAMONDS_DIR}/${i}/state`, 'commit');
    const hasObsolete = ks.some((k) => k.contexts.some((c) => c.targets.some((t) => t.obsolete)));
    if (hasObsolete) {
      const kept = ks.map((k) => ({
        ...k,
        contexts: k.contexts.map((c) => ({ ...c, targets: c.targets.filter((t) => !t.obsolete) })),
      }));
      stageKdamonds(this.d.fs, kept);
    }
    return targets;
  }

  /** Stops what this damo started, or exactly the named kdamonds. */
  async stop(named: number[] | null = null): Promise<number[]> {
    const states = this.states();
    const running = states.filter((s) => s.state === 'on');
    let targets: number[];
    if (named !== null) {
      for (const i of named) {
        const s = states[i];
        if (s === undefined) throw new UserError(`there is no kdamond ${i} (${states.length} exist)`);
        if (s.state !== 'on') throw new UserError(`kdamond ${i} is not running`);
      }
      targets = named;
    } else {
      if (running.length === 0) throw new UserError('DAMON is not turned on');
      targets = running.filter((s) => this.d.started.isOurs(this.tree, s.idx, s.pid)).map((s) => s.idx);
      if (targets.length === 0) {
        throw new UserError(
          `${running.map((s) => this.foreignText(s)).join(', ')} is running but was not started by this damo; name it (--kdamond ${running[0].idx}) to stop it anyway`,
        );
      }
    }
    try {
      for (const i of targets) this.d.fs.write(`${KDAMONDS_DIR}/${i}/state`, 'off');
    } catch (e) {
      if (e instanceof SysfsWriteError) throw new UserError(`DAMON turn off failed (${e.message})`);
      throw e;
    }
    await this.waitStates(targets, 'off');
    if (!isDryRun(this.d.fs)) this.d.started.forget(this.tree, targets);
    return targets;
  }

  /** §6.5: refresh the kernel's status files of running kdamonds, then read everything. */
  async status(opts: { stats?: boolean; tunedIntervals?: boolean; quotas?: boolean; triedRegions?: boolean } = {}): Promise<Kdamond[]> {
    const states = this.states();
    const have = this.features();
    const before = readKdamonds(this.d.fs);
    const anyScheme = before.some((k) => k.contexts.some((c) => c.schemes.length > 0));
    // update_* commands go only to kdamonds this damo started: another owner's
    // kdamond is read as it is (its refresh_ms, if set, keeps it current).
    const ours = states.filter((x) => x.state === 'on' && this.d.started.isOurs(this.tree, x.idx, x.pid));
    for (const s of ours) {
      const kd = before[s.idx];
      const selfRefresh = Number(kd.refreshMs) !== 0;
      const cmd = async (c: string, ignoreInval = false) => {
        for (let n = 1; ; n++) {
          try {
            this.d.fs.write(`${KDAMONDS_DIR}/${s.idx}/state`, c);
            return;
          } catch (e) {
            if (ignoreInval && String((e as Error).message).includes('Invalid argument')) return;
            if (n >= 5) throw e;
            await this.d.sleep(10 * 2 ** (n - 1));
          }
        }
      };
      if (opts.tunedIntervals && !selfRefresh) await cmd('update_tuned_intervals', true);
      if (!anyScheme) continue;
      if (opts.stats && !selfRefresh) await cmd('update_schemes_stats');
      if (opts.triedRegions && have.has('sysfs/schemes_tried_regions')) await cmd('update_schemes_tried_regions');
      if (opts.quotas && !selfRefresh && have.has('sysfs/schemes_quota_effective_bytes')) {
        await cmd('update_schemes_effective_quotas');
      }
    }
    return readKdamonds(this.d.fs);
  }
}

/** `tune --quota_goals_only`: write only the quota goal files (upstream writes none). */
function stageQuotaGoalsOnly(fs: Fs, ks: Kdamond[]): void {
  ks.forEach((k, ki) =>
    k.contexts.forEach((c, ci) =>
      c.schemes.forEach((s, si) => {
        const g = `${KDAMONDS_DIR}/${ki}/contexts/${ci}/schemes/${si}/quotas/goals`;
        if (!fs.isDir(g)) return;
        const now = fs.read(`${g}/nr_goals`).trim();
        if (now !== String(s.quotas.goals.length)) {
          throw new UserError(
            `kdamond ${ki} context ${ci} scheme ${si} has ${now} quota goal(s), not ${s.quotas.goals.length}; --quota_goals_only keeps the number`,
          );
        }
        s.quotas.goals.forEach((goal, gi) => {
          fs.write(`${g}/${gi}/target_value`, pyD(goal.targetValue));
          fs.write(`${g}/${gi}/current_value`, pyD(goal.currentValue));
        });
      }),
    ),
  );
}
