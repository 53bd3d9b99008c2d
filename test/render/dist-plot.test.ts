// Distribution plots: markers where the values are on the labelled axes, one colour
// per line, a legend for several lines, and a note when there is nothing to draw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distSeries } from '../../src/report/dist-series.ts';
import { SERIES_COLORS, distPlotFigure } from '../../src/render/dist-plot-figure.ts';
import { encodeFigure } from '../../src/render/encode-figure.ts';
import type { Figure } from '../../src/render/figure.ts';
import { checkSvg } from './check-svg.ts';
import { decodePng, pixelAt } from './decode-png.ts';

const opts = { title: 'test plot', xTitle: 'percentile', yTitle: 'things', yKind: 'number' as const };

function textY(fig: Figure, text: string, anchor: 'end' | 'middle'): number {
  const item = fig.items.find((i) => i.kind === 'text' && i.text === text && i.anchor === anchor);
  assert.ok(item && item.kind === 'text', `label ${text}`);
  return anchor === 'end' ? item.y : item.x;
}

test('series points: percentiles of the values, or every value with --all', () => {
  const values = [10n, 20n, 30n, 40n];
  assert.deepEqual(distSeries('a', values, [0, 50, 100], false).points, [[0, 10], [50, 30], [100, 40]]);
  assert.deepEqual(distSeries('a', values, [0], true).points, [[0, 10], [1, 20], [2, 30], [3, 40]]);
  assert.deepEqual(distSeries('a', [], [0, 50], false).points, []);
});

test('markers sit at their values on the labelled axes, in the line colour', async () => {
  const fig = distPlotFigure([{ label: 'target 0', points: [[0, 0], [50, 50], [100, 100]] }], opts);
  const markers = fig.items.filter((i) => i.kind === 'marker');
  assert.equal(markers.length, 3);
  const [y0, y100] = [textY(fig, '0', 'end'), textY(fig, '100', 'end')];
  const [x0, x100] = [textY(fig, '0', 'middle'), textY(fig, '100', 'middle')];
  const mid = markers[1];
  assert.ok(mid.kind === 'marker');
  assert.ok(Math.abs(mid.y - (y0 + y100) / 2) < 0.5 && Math.abs(mid.x - (x0 + x100) / 2) < 0.5, `${mid.x},${mid.y}`);
  const png = decodePng(await encodeFigure(fig, 'png'));
  assert.deepEqual(pixelAt(png, Math.round(mid.x), Math.round(mid.y)), [...SERIES_COLORS[0]]);
  const texts = fig.items.flatMap((i) => (i.kind === 'text' ? [i.text] : []));
  for (const t of ['test plot', 'percentile', 'things']) assert.ok(texts.includes(t), t);
  // one line: no legend
  assert.ok(!texts.includes('target 0'));
});

test('several lines: own colours and a legend; sizes labelled in one binary unit', async () => {
  const mib = 2 ** 20;
  const fig = distPlotFigure(
    [
      { label: 'vsz', points: [[0, 100 * mib], [100, 1100 * mib]] },
      { label: 'rss', points: [[0, 0], [100, 10 * mib]] },
    ],
    { ...opts, yKind: 'size' },
  );
  const texts = fig.items.flatMap((i) => (i.kind === 'text' ? [i.text] : []));
  assert.ok(texts.includes('vsz') && texts.includes('rss'));
  assert.ok(texts.includes('1000 MiB') && texts.includes('0 MiB'), texts.join('|'));
  const lines = fig.items.filter((i) => i.kind === 'polyline' && i.width === 2);
  assert.equal(new Set(lines.map((l) => (l.kind === 'polyline' ? l.color.join() : ''))).size, 2);
  const svg = checkSvg(Buffer.from(await encodeFigure(fig, 'svg')).toString('utf8'));
  assert.ok(svg.texts.includes('vsz') && svg.texts.includes('things'));
});

test('nothing to draw: empty axes and a note', () => {
  const fig = distPlotFigure([{ label: 'target 0', points: [] }], opts);
  assert.ok(fig.items.some((i) => i.kind === 'text' && i.text === 'no snapshot'));
  assert.equal(fig.items.filter((i) => i.kind === 'marker').length, 0);
});

test('a single point or equal values still make a valid range', () => {
  const fig = distPlotFigure([{ label: 'a', points: [[50, 7], [60, 7]] }], opts);
  const markers = fig.items.filter((i) => i.kind === 'marker');
  assert.ok(markers.every((m) => m.kind === 'marker' && Number.isFinite(m.x) && Number.isFinite(m.y)));
});

test('counts (yWhole): no ticks between whole numbers', () => {
  const fig = distPlotFigure([{ label: 'a', points: [[0, 15], [50, 15], [100, 17]] }], { ...opts, yWhole: true });
  const yLabels = fig.items.flatMap((i) => (i.kind === 'text' && i.anchor === 'end' ? [i.text] : []));
  assert.deepEqual(yLabels, ['15', '16', '17']);
});
