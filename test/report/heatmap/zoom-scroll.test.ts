// View changes of --interactive_edit on resolved ranges, worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResolvedRanges } from '../../../src/report/heatmap/complete-ranges.ts';
import { scrollView, zoomView } from '../../../src/report/heatmap/zoom-scroll.ts';

const view: ResolvedRanges = {
  id: { kdamondIdx: null, contextIdx: null, schemeIdx: null, targetId: 1n },
  timeRange: [1000n, 2000n],
  addressRanges: [[100n, 300n]],
};

test('zoom keeps the center: 90 % of 1000 ns around 1500, of 200 B around 200', () => {
  const z = zoomView(view, 'both', 90);
  assert.deepEqual(z.timeRange, [1050n, 1950n]);
  assert.deepEqual(z.addressRanges, [[110n, 290n]]);
  assert.equal(z.id, view.id);
});

test('zoom of one axis leaves the other alone', () => {
  assert.deepEqual(zoomView(view, 'time', 200).timeRange, [500n, 2500n]);
  assert.deepEqual(zoomView(view, 'time', 200).addressRanges, [[100n, 300n]]);
  assert.deepEqual(zoomView(view, 'space', 50).timeRange, [1000n, 2000n]);
  assert.deepEqual(zoomView(view, 'space', 50).addressRanges, [[150n, 250n]]);
});

test('scroll moves by a share of the span; addresses stop at 0', () => {
  assert.deepEqual(scrollView(view, 'time', -10).timeRange, [900n, 1900n]);
  assert.deepEqual(scrollView(view, 'space', 10).addressRanges, [[120n, 320n]]);
  assert.deepEqual(scrollView(view, 'space', -100).addressRanges, [[0n, 200n]]);
});
