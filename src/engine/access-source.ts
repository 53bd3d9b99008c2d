// What the engine asks of the monitored world (spec/damon-core.md §3.1-3.2 for sampling,
// §8.4 for what actions do to memory): a simulated workload or a replayed record
// implements it. Answers must be deterministic for a given seed.
import type { AddrRange, DamosActionName } from './config.ts';

/** Properties of a run of present pages, for DAMOS operations-layer filters. */
export interface PageProps {
  anon: boolean;
  active: boolean;
  /** 0: no memcg. */
  memcgId: number;
  /** Accessed since the last check (checking clears it). */
  young: boolean;
  folioSize: number;
  mapped: boolean;
}

export interface PageRun extends AddrRange {
  props: PageProps;
}

export interface AccessSource {
  /** The target's VMAs in address order (vaddr three-regions); null if the process is gone. */
  vmas(targetIdx: number): AddrRange[] | null;
  /** False once a vaddr target's process exited. */
  targetValid(targetIdx: number): boolean;
  /**
   * Move the world's clock to `nowUs`. The next `accessed` calls answer for the
   * window since the previous call: the engine clears the sampled pages' Accessed
   * bits right before, and checks right after, each sampling interval.
   */
  advanceTo(nowUs: number): void;
  /** Was the page holding `addr` accessed during the last window? */
  accessed(targetIdx: number, addr: number): boolean;
  /** Present memory of [start, end) as runs of pages with equal properties. */
  pageRuns(targetIdx: number, start: number, end: number): Iterable<PageRun>;
  /**
   * Do `action` on [start, end) (already cut to pages passing any filters); returns
   * the bytes the memory actually changed for (e.g. resident bytes paged out).
   */
  applyAction(targetIdx: number, start: number, end: number, action: DamosActionName, targetNid: number): number;
  /** System metrics for watermarks and quota goals; null when the world has none. */
  metric(name: 'free_mem_rate' | 'node_mem_used_bp' | 'node_mem_free_bp' | 'some_mem_psi_us', nid: number): number | null;
}
