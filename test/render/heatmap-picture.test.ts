// Heatmap pictures from a grid whose heats are known: hot, cold and unobserved
// pixels have the palette's colours where the axes say they are, in PNG, JPEG, SVG
// and PDF; the axes carry the range labels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import jpeg from 'jpeg-js';
import { computeHeatGrids } from '../../src/report/heatmap/heatmap-report.ts';
import type { HeatGrid } from '../../src/report/heatmap/pixel-grid.ts';
import { encodeFigure } from '../../src/render/encode-figure.ts';
import type { Figure, FigureItem } from '../../src/render/figure.ts';
import { heatmapFigure } from '../../src/render/heatmap-figure.ts';
import { NO_DATA, heatColor } from '../../src/render/palette.ts';
import { record, region, snapshot } from '../report/heatmap/make-record.ts';
import { checkPdf, pdfTexts } from './check-pdf.ts';
import { checkSvg } from './check-svg.ts';
import { decodePng, pixelAt } from './decode-png.ts';

// Time [0, 200) ns in 2 rows; addresses [0, 300) in 3 columns: [0,100) is accessed 10
// times in both snapshots, [100,190) never, and nothing is known of [200,300).
async function grid(): Promise<HeatGrid> {
  const records = [
    record([
      snapshot(0, 100, [region(0, 100, 10), region(100, 190, 0)]),
      snapshot(100, 200, [region(0, 100, 10), region(100, 190, 0)]),
    ]),
  ];
  const resolved = { id: { kdamondIdx: null, contextIdx: null, schemeIdx: null, targetId: null }, timeRange: [0n, 200n] as [bigint, bigint], addressRanges: [[0n, 300n] as [bigint, bigint]] };
  const { grids, heatUnit } = await computeHeatGrids(records, resolved, { dfPassed: false, sortTemperature: false, temperatureWeights: { frequency: 1, age: 1 } }, [2, 3]);
  assert.equal(heatUnit, 'samples');
  assert.deepEqual([...grids[0].heats].map((h) => (Number.isNaN(h) ? 'NaN' : h)), [10, 0, 'NaN', 10, 0, 'NaN']);
  return grids[0];
}

function figure(g: HeatGrid): Figure {
  return heatmapFigure(g, { title: 'access heatmap: test', heatUnit: 'samples', absTime: false, absAddr: false, sortTemperature: false });
}

function plotArea(fig: Figure): Extract<FigureItem, { kind: 'image' }> {
  const img = fig.items.find((i) => i.kind === 'image');
  assert.ok(img && img.kind === 'image');
  return img;
}

/** Centres of the address thirds, bottom (lowest addresses) to top, at the middle of the time axis. */
function probes(fig: Figure): { hot: [number, number]; cold: [number, number]; unknown: [number, number] } {
  const a = plotArea(fig);
  const at = (third: number): [number, number] => [Math.round(a.x + a.w / 4), Math.round(a.y + a.h - ((third + 0.5) * a.h) / 3)];
  return { hot: at(0), cold: at(1), unknown: at(2) };
}

test('PNG: hot, cold and unobserved pixels, and text drawn', async () => {
  const fig = figure(await grid());
  const png = decodePng(await encodeFigure(fig, 'png'));
  assert.equal(png.width, fig.width);
  assert.equal(png.height, fig.height);
  const p = probes(fig);
  assert.deepEqual(pixelAt(png, ...p.hot), [...heatColor(1)]);
  assert.deepEqual(pixelAt(png, ...p.cold), [...heatColor(0)]);
  assert.deepEqual(pixelAt(png, ...p.unknown), [...NO_DATA]);
  assert.deepEqual([...heatColor(1)], [255, 255, 0]);
  assert.deepEqual([...heatColor(0)], [0, 0, 0]);
  // 2 time rows x 3 address columns, each 250 x 166 screen pixels
  const a = plotArea(fig);
  assert.deepEqual([a.w, a.h], [500, 498]);
  // the title row has ink
  let ink = 0;
  for (let x = 0; x < png.width; x++) for (let y = 12; y < 28; y++) if (pixelAt(png, x, y)[0] < 100) ink++;
  assert.ok(ink > 100, `title ink ${ink}`);
});

test('labels: axis titles in upstream units, colour bar in the heat unit', async () => {
  const fig = figure(await grid());
  const texts = fig.items.flatMap((i) => (i.kind === 'text' ? [i.text] : []));
  for (const t of ['access heatmap: test', 'time (from 0 ns)', 'address (from 0 B)', 'access frequency (samples)', 'no data', '0 ns', '100 ns', '0 B', '100 B', '0', '10']) {
    assert.ok(texts.includes(t), `${t} in ${JSON.stringify(texts)}`);
  }
  const abs = heatmapFigure(await grid(), { title: 't', heatUnit: 'hz', absTime: true, absAddr: true, sortTemperature: true });
  const absTexts = abs.items.flatMap((i) => (i.kind === 'text' ? [i.text] : []));
  assert.ok(absTexts.includes('time'));
  assert.ok(absTexts.includes('size (coldest regions first)'));
  assert.ok(absTexts.includes('access frequency (hz)'));
});

test('JPEG: decodes to the figure size with the heat colours (lossy, so nearly)', async () => {
  const fig = figure(await grid());
  const bytes = await encodeFigure(fig, 'jpeg');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  assert.deepEqual([...bytes.subarray(-2)], [0xff, 0xd9]);
  const img = jpeg.decode(bytes, { useTArray: true });
  assert.equal(img.width, fig.width);
  assert.equal(img.height, fig.height);
  const near = ([x, y]: [number, number], want: readonly number[]) => {
    const o = (y * img.width + x) * 4;
    const got = [img.data[o], img.data[o + 1], img.data[o + 2]];
    assert.ok(got.every((v, i) => Math.abs(v - want[i]) < 24), `${got} near ${want}`);
  };
  const p = probes(fig);
  near(p.hot, heatColor(1));
  near(p.cold, heatColor(0));
  near(p.unknown, NO_DATA);
});

test('SVG: well-formed, the heat raster embedded as a PNG, the labels as text', async () => {
  const fig = figure(await grid());
  const svg = checkSvg(Buffer.from(await encodeFigure(fig, 'svg')).toString('utf8'));
  assert.equal(svg.root, 'svg');
  assert.ok(svg.texts.includes('time (from 0 ns)'));
  assert.ok(svg.texts.includes('address (from 0 B)'));
  assert.ok(svg.texts.includes('access frequency (samples)'));
  const images = svg.attrsOf('image');
  assert.equal(images.length, 2); // the map and the colour bar
  const href = images[0].href;
  assert.equal(images[0]['xlink:href'], href);
  const raster = decodePng(Buffer.from(href.replace(/^data:image\/png;base64,/, ''), 'base64'));
  // one raster pixel per grid pixel: 2 time slots wide, 3 address slots high (top = highest)
  assert.deepEqual([raster.width, raster.height], [2, 3]);
  assert.deepEqual(pixelAt(raster, 0, 2), [...heatColor(1)]);
  assert.deepEqual(pixelAt(raster, 1, 1), [...heatColor(0)]);
  assert.deepEqual(pixelAt(raster, 0, 0), [...NO_DATA]);
  assert.match(images[0].style, /pixelated/);
});

test('PDF: valid skeleton, page the figure size, the grid as an image, Helvetica labels', async () => {
  const fig = figure(await grid());
  const pdf = checkPdf(await encodeFigure(fig, 'pdf'));
  assert.deepEqual(pdf.mediaBox, [0, 0, fig.width, fig.height]);
  const texts = pdfTexts(pdf.content);
  for (const t of ['access heatmap: test', 'time (from 0 ns)', 'address (from 0 B)', 'access frequency (samples)']) assert.ok(texts.includes(t), t);
  const map = pdf.images.find((i) => i.width === 2 && i.height === 3);
  assert.ok(map, 'the 2x3 grid image');
  const px = (x: number, y: number) => [...map.rgb.subarray((y * 2 + x) * 3, (y * 2 + x) * 3 + 3)];
  assert.deepEqual(px(0, 2), [...heatColor(1)]);
  assert.deepEqual(px(0, 0), [...NO_DATA]);
  assert.match(pdf.content, /\/F1 \d+ Tf/);
});

test('a grid with no known heat still draws (all "no data", no colour bar ticks)', async () => {
  const records = [record([snapshot(0, 100, [region(1000, 1100, 3)])])];
  const resolved = { id: { kdamondIdx: null, contextIdx: null, schemeIdx: null, targetId: null }, timeRange: [0n, 100n] as [bigint, bigint], addressRanges: [[0n, 100n] as [bigint, bigint]] };
  const { grids } = await computeHeatGrids(records, resolved, { dfPassed: false, sortTemperature: false, temperatureWeights: { frequency: 1, age: 1 } }, [2, 2]);
  const fig = figure(grids[0]);
  const png = decodePng(await encodeFigure(fig, 'png'));
  const a = plotArea(fig);
  assert.deepEqual(pixelAt(png, a.x + 10, a.y + 10), [...NO_DATA]);
  assert.ok(fig.items.some((i) => i.kind === 'text' && i.text === 'access frequency (no access information)'));
});
