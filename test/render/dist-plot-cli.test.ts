// `--plot FILE` of report wss, nr_regions and footprints end to end: a picture and no
// text, the values upstream plots, and bad picture types refused before any reading.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SERIES_COLORS } from '../../src/render/dist-plot-figure.ts';
import { runDamo, tempDir, writeJsonRecords } from '../report/wss/run-command.ts';
import { checkPdf, pdfTexts } from './check-pdf.ts';
import { checkSvg } from './check-svg.ts';
import { decodePng } from './decode-png.ts';

const dir = tempDir('damo-plot-cli-');
const ms = 1_000_000;
// 30 snapshots; snapshot i has i+1 regions of 4 KiB, each accessed once.
const record = writeJsonRecords(join(dir, 'rec.json'), [
  {
    target_id: 7,
    snapshots: Array.from({ length: 30 }, (_, i) => [
      i * 100 * ms,
      (i + 1) * 100 * ms,
      Array.from({ length: i + 1 }, (_, j) => [j * 4096, (j + 1) * 4096, 1] as [number, number, number]),
    ]),
  },
]);
const statm = (size: number, resident: number) => ({ size, resident, shared: 0, trs: 0, lrs: 0, drs: 0, dt: 0 });
const footprints = join(dir, 'fp.json');
writeFileSync(
  footprints,
  JSON.stringify(
    [1, 2, 3].map((k) => ({
      time: k,
      footprints: [{ pid: 1, footprint: statm(256 * k, 128 * k) }, { pid: null, footprint: { total: 4096, free: 1024 * k, available: 0, buffers: 0, cached: 0 } }],
    })),
  ),
);

function countColor(png: ReturnType<typeof decodePng>, color: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < png.rgb.length; i += 3) if (png.rgb[i] === color[0] && png.rgb[i + 1] === color[1] && png.rgb[i + 2] === color[2]) n++;
  return n;
}

test('wss --plot x.png: a picture with the line, and no text on stdout', async () => {
  const out = join(dir, 'wss.png');
  const r = await runDamo(['report', 'wss', '-i', record, '--plot', out]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
  const png = decodePng(readFileSync(out));
  assert.ok(png.width > 600 && png.height > 400);
  assert.ok(countColor(png, SERIES_COLORS[0]) > 300, 'the line is drawn');
});

test('wss --plot x.svg: percentiles of the sizes on a labelled plot', async () => {
  const out = join(dir, 'wss.svg');
  const r = await runDamo(['report', 'wss', '-i', record, '--plot', out, '--raw_number', '--sortby', 'time']);
  assert.equal(r.code, 0, r.err);
  const svg = checkSvg(readFileSync(out, 'utf8'));
  for (const t of ['working set size distribution', 'runtime (percent)', 'working set size (bytes)']) assert.ok(svg.texts.includes(t), t);
  // snapshots 20..29 kept: 21..30 regions of 4 KiB; 5 percentiles, 5 markers
  assert.equal(svg.attrsOf('rect').filter((a) => a.width === '6').length, 5);
});

test('nr_regions --plot x.pdf and footprints --plot x.jpeg', async () => {
  const pdfPath = join(dir, 'nr.pdf');
  const nr = await runDamo(['report', 'nr_regions', '-i', record, '--plot', pdfPath]);
  assert.equal(nr.code, 0, nr.err);
  assert.equal(nr.out, '');
  const texts = pdfTexts(checkPdf(readFileSync(pdfPath)).content);
  assert.ok(texts.includes('number of monitoring target regions') && texts.includes('percentile'), texts.join('|'));
  const jpegPath = join(dir, 'fp.jpeg');
  const fp = await runDamo(['report', 'footprints', '-i', footprints, '--plot', jpegPath]);
  assert.equal(fp.code, 0, fp.err);
  assert.deepEqual([...readFileSync(jpegPath).subarray(0, 3)], [0xff, 0xd8, 0xff]);
  const svgPath = join(dir, 'fp.svg');
  assert.equal((await runDamo(['report', 'footprints', 'rss', '-i', footprints, '--plot', svgPath])).code, 0);
  const svg = checkSvg(readFileSync(svgPath, 'utf8'));
  assert.ok(svg.texts.includes('memory footprint'));
  assert.ok(!svg.texts.includes('rss'), 'one line, no legend');
});

test('an unsupported --plot type is one line, before the input is read', async () => {
  const before = readdirSync(dir).sort();
  for (const argv of [
    ['report', 'wss', '-i', join(dir, 'missing'), '--plot', join(dir, 'x.gif')],
    ['report', 'nr_regions', '-i', join(dir, 'missing'), '--plot', join(dir, 'x')],
    ['report', 'footprints', '-i', join(dir, 'missing'), '--plot', join(dir, 'x.txt')],
  ]) {
    const r = await runDamo(argv);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /^--plot \S+: unsupported picture type; the file name must end in \.png, \.svg, \.pdf or \.jpeg$/);
  }
  assert.deepEqual(readdirSync(dir).sort(), before);
});
