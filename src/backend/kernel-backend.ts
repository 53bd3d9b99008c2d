// The Backend over Linux DAMON sysfs (src/kernel/), real or a stand-in tree.
import { type KernelDeps, KernelControl } from '../kernel/kernel-control.ts';
import { takeTriedRegionsSnapshot } from '../kernel/tried-regions-snapshot.ts';
import type { Kdamond } from '../model/damon-params.ts';
import type { DamonRecord } from '../model/record.ts';
import type { Backend, SnapshotOptions, StatusOptions } from './backend.ts';

export class KernelBackend implements Backend {
  readonly name = 'kernel' as const;
  readonly control: KernelControl;
  constructor(deps: KernelDeps) {
    this.control = new KernelControl(deps);
  }
  start(kdamonds: Kdamond[]): Promise<number[]> {
    return this.control.start(kdamonds);
  }
  commit(kdamonds: Kdamond[], opts: { quotaGoalsOnly?: boolean } = {}): Promise<number[]> {
    return this.control.commit(kdamonds, opts);
  }
  stop(named: number[] | null = null): Promise<number[]> {
    return this.control.stop(named);
  }
  status(opts: StatusOptions = {}): Promise<Kdamond[]> {
    return this.control.status(opts);
  }
  features(): ReadonlySet<string> {
    return this.control.features();
  }
  /** §6.7; kdamonds this damo did not start are only read, never written. */
  snapshot(opts: SnapshotOptions = {}): Promise<DamonRecord[]> {
    return takeTriedRegionsSnapshot(this.control, {
      triedRegionsOf: opts.triedRegionsOf ?? null,
      dontMergeRegions: opts.dontMergeRegions,
      damosFilters: opts.damosFilters,
    });
  }
}
