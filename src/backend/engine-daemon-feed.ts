// The engine daemon's aggregation feed: while a recorder follows a running engine kdamond
// (`damo record ongoing`, spec/records.md §4.4), every aggregation is kept until that
// follower has fetched it, the way the kernel's damon_aggregated tracepoint feeds perf.
// Nothing is buffered while no follower is active, so an idle daemon stays small.
import type { AggregationEvent } from '../engine/engine.ts';

/** A follower that asks nothing for this long is forgotten, and its backlog dropped. */
export const FOLLOWER_TIMEOUT_MS = 10_000;
/** Aggregations kept at most for the slowest follower; older ones are counted as missed. */
export const FEED_CAPACITY = 20_000;

interface Entry {
  seq: number;
  ev: AggregationEvent;
}

export interface FeedBatch {
  /** Ask with this next time. */
  cursor: number;
  /** Aggregations since the asked cursor, oldest first. */
  events: AggregationEvent[];
  /** Aggregations that happened after the asked cursor but were no longer kept. */
  missed: number;
}

export class AggregationFeed {
  private nextSeq = 0;
  private entries: Entry[] = [];
  private readonly followers = new Map<string, { cursor: number; lastMs: number }>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  get following(): boolean {
    this.forgetIdle();
    return this.followers.size > 0;
  }

  push(ev: AggregationEvent): void {
    const seq = this.nextSeq++;
    if (!this.following) return;
    this.entries.push({ seq, ev });
    if (this.entries.length > FEED_CAPACITY) this.entries.splice(0, this.entries.length - FEED_CAPACITY);
  }

  /**
   * What `follower` has not seen since `cursor`; a null cursor starts following from now.
   * Entries every active follower has fetched are dropped.
   */
  fetch(follower: string, cursor: number | null): FeedBatch {
    const now = this.nowMs();
    if (cursor === null || cursor > this.nextSeq) cursor = this.nextSeq;
    const events: AggregationEvent[] = [];
    let firstSeq = this.nextSeq;
    for (const e of this.entries)
      if (e.seq >= cursor) {
        if (events.length === 0) firstSeq = e.seq;
        events.push(e.ev);
      }
    const missed = firstSeq - cursor;
    this.followers.set(follower, { cursor: this.nextSeq, lastMs: now });
    this.trim();
    return { cursor: this.nextSeq, events, missed };
  }

  /** Stops following (a recorder that is done). */
  leave(follower: string): void {
    this.followers.delete(follower);
    this.trim();
  }

  /** Has every active follower fetched everything? */
  drained(): boolean {
    this.forgetIdle();
    for (const f of this.followers.values()) if (f.cursor < this.nextSeq) return false;
    return true;
  }

  private forgetIdle(): void {
    const now = this.nowMs();
    for (const [id, f] of this.followers) if (now - f.lastMs > FOLLOWER_TIMEOUT_MS) this.followers.delete(id);
    if (this.followers.size === 0) this.entries = [];
  }

  private trim(): void {
    this.forgetIdle();
    let min = this.nextSeq;
    for (const f of this.followers.values()) min = Math.min(min, f.cursor);
    const keepFrom = this.entries.findIndex((e) => e.seq >= min);
    this.entries = keepFrom < 0 ? [] : this.entries.slice(keepFrom);
  }
}
