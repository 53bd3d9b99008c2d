// The engine daemon's aggregation feed for recorders: the feed's bookkeeping on a fake
// clock, then a real daemon followed for a while (contiguous windows, wall-clock times),
// whose stop still hands the follower the last aggregations. Daemons are stopped in `finally`.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EngineBackend } from '../../src/backend/engine-backend.ts';
import { AggregationFeed, FEED_CAPACITY, FOLLOWER_TIMEOUT_MS } from '../../src/backend/engine-daemon-feed.ts';
import type { AggregationEvent } from '../../src/engine/engine.ts';
import { builtinWorkload } from '../../src/engine/sim/builtin-workloads.ts';
import { kdamondsFromOptions } from '../../src/model/damon-params-from-options.ts';
import { killEngineDaemons } from '../helpers/engine-daemons.ts';

function ev(i: number): AggregationEvent {
  return { startUs: i * 100, endUs: (i + 1) * 100, sampleUs: 5, aggrUs: 100, targets: [[{ start: 0, end: 4096, nrAccesses: i, age: 0 }]] };
}

test('feed: nothing is kept until someone follows; a follower gets each aggregation once', () => {
  let now = 0;
  const feed = new AggregationFeed(() => now);
  feed.push(ev(0));
  feed.push(ev(1));
  const first = feed.fetch('a', null);
  assert.deepEqual(first, { cursor: 2, events: [], missed: 0 }, 'following starts now');
  feed.push(ev(2));
  feed.push(ev(3));
  assert.equal(feed.drained(), false);
  const b = feed.fetch('a', first.cursor);
  assert.deepEqual(
    b.events.map((e) => e.endUs),
    [300, 400],
  );
  assert.equal(b.cursor, 4);
  assert.equal(b.missed, 0);
  assert.equal(feed.drained(), true);
  assert.deepEqual(feed.fetch('a', b.cursor).events, [], 'nothing twice');

  // A second follower joining later keeps entries until both fetched them.
  feed.fetch('b', null);
  feed.push(ev(4));
  assert.equal(feed.fetch('a', 4).events.length, 1);
  assert.equal(feed.drained(), false, 'b has not fetched yet');
  assert.equal(feed.fetch('b', 4).events.length, 1);
  assert.equal(feed.drained(), true);

  // A follower silent for too long is forgotten: what followed is counted as missed.
  now += FOLLOWER_TIMEOUT_MS + 1;
  feed.push(ev(5));
  assert.equal(feed.following, false);
  const late = feed.fetch('a', 5);
  assert.deepEqual(late.events, []);
  assert.equal(late.missed, 1);
  assert.equal(late.cursor, 6);
});

test('feed: a follower that falls behind the capacity is told how many it missed', () => {
  const feed = new AggregationFeed(() => 0);
  feed.fetch('a', null);
  for (let i = 0; i < FEED_CAPACITY + 3; i++) feed.push(ev(i));
  const b = feed.fetch('a', 0);
  assert.equal(b.missed, 3);
  assert.equal(b.events.length, FEED_CAPACITY);
  assert.equal(b.events[0].endUs, 400);
  feed.leave('a');
  assert.equal(feed.following, false);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function killLeftovers(dir: string): void {
  killEngineDaemons(dir);
  rmSync(dir, { recursive: true, force: true });
}

test('a recorder follows a running engine kdamond, and gets the tail when it stops', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'damo-engine-rec-'));
  const b = new EngineBackend({ stateDir: dir, sim: { name: 'sim:stairs', config: builtinWorkload('stairs')!, seed: 42 }, idleExitMs: 30000 });
  const ks = kdamondsFromOptions({ target_pid: ['0'] }, {} as never);
  try {
    await b.start(ks);
    const start = await b.aggregationsSince(0, 'rec', null);
    assert.ok(start);
    assert.equal(start.ended, false);
    assert.deepEqual(start.targets.flat(), []);
    const t0 = Date.now();
    await sleep(1000);
    const got = await b.aggregationsSince(0, 'rec', start.cursor);
    assert.ok(got);
    assert.equal(got.missed, 0);
    const snaps = got.targets[0];
    // 100 ms aggregations for about a second
    assert.ok(snaps.length >= 6 && snaps.length <= 12, `${snaps.length} aggregations in 1 s`);
    for (let i = 1; i < snaps.length; i++) assert.equal(snaps[i].startTime, snaps[i - 1].endTime, 'windows follow each other');
    for (const s of snaps) {
      assert.equal(s.sampleIntervalUs, 5000n);
      assert.ok(s.regions.length >= 3);
      assert.equal(s.totalBytes, s.regions.reduce((n, r) => n + (r.end - r.start), 0n));
    }
    const endMs = Number((snaps[snaps.length - 1].endTime as bigint) / 1_000_000n);
    assert.ok(endMs >= t0 - 200 && endMs <= Date.now() + 50, 'wall-clock times');

    const side = await b.sideFileSamples(0, { memFootprint: true, vmas: true, procStats: false });
    assert.ok(side);
    assert.equal(side.memFootprint.length, 1);
    assert.equal(side.vmas.length, 1);
    assert.equal(side.procStats.length, 0);

    // A stop lets the follower fetch what was aggregated since its last fetch.
    await sleep(350);
    const stopping = b.stop();
    let cursor = got.cursor;
    let ended = false;
    const tail: typeof snaps = [];
    for (let i = 0; i < 40 && !ended; i++) {
      const r = await b.aggregationsSince(0, 'rec', cursor);
      assert.ok(r, 'the daemon waits for its follower before exiting');
      assert.equal(r.missed, 0);
      tail.push(...r.targets[0]);
      cursor = r.cursor;
      ended = r.ended;
      if (!ended) await sleep(25);
    }
    assert.ok(ended, 'the stopped daemon answered with ended');
    assert.ok(tail.length >= 2, 'the aggregations between the last fetch and the stop');
    assert.equal(tail[0].startTime, snaps[snaps.length - 1].endTime);
    await stopping;
    assert.equal(await b.aggregationsSince(0, 'rec', cursor), null, 'gone after the drain');
  } finally {
    killLeftovers(dir);
  }
});
