// Runs the engine on a simulated workload on the virtual clock and returns the records a
// full `damo record` would hold (spec/records.md §1, §4; DESIGN.md "Two backends").
import type { DamonRecord } from '../model/record.ts';
import { type AddrRange, type EngineAttrs, defaultAttrs } from './config.ts';
import { DamonEngine } from './engine.ts';
import { RecordCollector, attrsToIntervals } from './engine-records.ts';
import type { MasimConfig } from './sim/masim-config.ts';
import { MasimWorkload, type MasimSimOptions } from './sim/masim-workload.ts';

export interface SimRecordingOptions {
  attrs?: EngineAttrs;
  seed?: number;
  /** Stop after this much virtual time (µs); default: when the workload exits. */
  timeoutUs?: number;
  /** The virtual clock's zero on the record's time axis (ns). */
  epochNs?: bigint;
  sim?: MasimSimOptions;
  /** Fixed regions (fvaddr) instead of vaddr's three regions around the big gaps. */
  regions?: AddrRange[];
}

export interface SimRecording {
  records: DamonRecord[];
  engine: DamonEngine;
  workload: MasimWorkload;
}

export function recordSimulation(config: MasimConfig, opts: SimRecordingOptions = {}): SimRecording {
  const attrs = opts.attrs ?? defaultAttrs();
  const seed = opts.seed ?? 42;
  const workload = new MasimWorkload(config, { seed: seed ^ 0x5bd1e995, ...opts.sim });
  const collector = new RecordCollector(attrsToIntervals(attrs), 1, opts.epochNs ?? 0n);
  const ops = opts.regions && opts.regions.length ? 'fvaddr' : 'vaddr';
  const engine = new DamonEngine({ ops, attrs, targets: [{ regions: opts.regions }], schemes: [] }, workload, {
    seed,
    onAggregation: collector.add,
  });
  engine.runUntil(opts.timeoutUs ?? Number.MAX_SAFE_INTEGER);
  return { records: collector.nonEmpty(), engine, workload };
}
