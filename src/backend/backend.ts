// One interface over the two DAMONs damo drives (DESIGN.md "Two backends"): the
// kernel's, through sysfs, and the user-space engine. Commands talk to this only.
import type { Kdamond } from '../model/damon-params.ts';
import type { DamonRecord, DamosFilter } from '../model/record.ts';

export interface StatusOptions {
  /** Refresh DAMOS statistics first. */
  stats?: boolean;
  /** Copy auto-tuned intervals into the parameters first. */
  tunedIntervals?: boolean;
  /** Refresh effective quota sizes first. */
  quotas?: boolean;
  /** Refresh DAMOS tried regions first. */
  triedRegions?: boolean;
}

export interface Backend {
  readonly name: 'kernel' | 'engine';
  /** Starts the kdamonds; returns their indexes. Nothing is changed if it throws. */
  start(kdamonds: Kdamond[]): Promise<number[]>;
  /** Applies new parameters to running kdamonds (`damo tune`). */
  commit(kdamonds: Kdamond[], opts?: { quotaGoalsOnly?: boolean }): Promise<number[]>;
  /** Stops what this damo started, or the named kdamonds; returns the stopped indexes. */
  stop(named?: number[] | null): Promise<number[]>;
  /** Current kdamonds with state, pid, stats and tried regions. */
  status(opts?: StatusOptions): Promise<Kdamond[]>;
  /** Kernel features available, by upstream's names. */
  features(): ReadonlySet<string>;
  /**
   * A live access snapshot of the running kdamonds (spec/control.md §6.7: a stat scheme's
   * tried regions, the original setup restored after), as records `report access` renders.
   */
  snapshot(opts?: SnapshotOptions): Promise<DamonRecord[]>;
}

export interface SnapshotOptions {
  /** Only this kdamond/context/scheme's tried regions (`--input tried_regions_of K C S`). */
  triedRegionsOf?: [number, number, number];
  /** Keep DAMON's regions as they are instead of merging equal neighbours. */
  dontMergeRegions?: boolean;
  /** DAMOS filters of the monitoring scheme (`--snapshot_damos_filter`). */
  damosFilters?: DamosFilter[];
}
