// `damo report heatmap --output FILE.{png,svg,pdf,jpeg}` end to end: the file is
// written whole (no temporary left), one file per address range, errors are one line.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { heatColor } from '../../src/render/palette.ts';
import { runDamo } from '../cli/run-command.ts';
import { checkPdf } from './check-pdf.ts';
import { checkSvg } from './check-svg.ts';
import { decodePng, pixelAt } from './decode-png.ts';

// Two address ranges far apart: [0,100) hot at 8 samples, [1 MiB, 1 MiB+100) at 2.
function recordFile(dir: string): string {
  const region = (start: number, end: number, samples: number) => ({ start, end, nr_accesses: { samples, percent: null }, age: { usec: null, aggr_intervals: null } });
  const snapshots = [0, 100, 200, 300].map((t) => ({
    start_time: t,
    end_time: t + 100,
    regions: [region(0, 100, 8), region(1048576, 1048676, 2)],
  }));
  const json = [{ kdamond_idx: null, context_idx: null, intervals: null, scheme_idx: null, target_id: 42, snapshots }];
  const path = join(dir, 'rec.json');
  writeFileSync(path, JSON.stringify(json));
  return path;
}

test('--output x.png writes a decodable picture of the hottest range, and nothing else', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'damo-heatpic-'));
  const input = recordFile(dir);
  const out = join(dir, 'heat.png');
  const r = await runDamo(['report', 'heatmap', '-i', input, '--output', out, '--resol', '4', '10']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
  assert.deepEqual(readdirSync(dir).sort(), ['heat.png', 'rec.json']);
  const png = decodePng(readFileSync(out));
  assert.ok(png.width > 500 && png.height > 500, `${png.width}x${png.height}`);
  // The hottest range is [0,100), evenly accessed: every grid pixel is the one heat, so
  // the whole map is the colour of the scale's low end (lowest == highest).
  let mapPixels = 0;
  for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) if (pixelAt(png, x, y).join() === heatColor(0).join()) mapPixels++;
  assert.ok(mapPixels >= 500 * 500, `${mapPixels}`);
});

test('--draw_range all: one file per range, the later ones numbered like upstream (heat.1.svg)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'damo-heatpic-'));
  const input = recordFile(dir);
  const r = await runDamo(['report', 'heatmap', '-i', input, '--output', join(dir, 'heat.svg'), '--draw_range', 'all', '--resol', '4', '10']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(readdirSync(dir).sort(), ['heat.1.svg', 'heat.svg', 'rec.json']);
  const first = checkSvg(readFileSync(join(dir, 'heat.svg'), 'utf8'));
  const second = checkSvg(readFileSync(join(dir, 'heat.1.svg'), 'utf8'));
  assert.ok(first.texts.includes('access heatmap: target 42, range 1 of 2'), first.texts.join('|'));
  // the range start is printed as the terminal map's x-axis line prints it
  assert.ok(second.texts.includes('address (from 1024.000000 KiB)'), second.texts.join('|'));
});

test('PDF and JPEG from the CLI; the older `report heats --heatmap FILE` too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'damo-heatpic-'));
  const input = recordFile(dir);
  assert.equal((await runDamo(['report', 'heatmap', '-i', input, '--output', join(dir, 'h.pdf'), '--resol', '4', '4'])).code, 0);
  checkPdf(readFileSync(join(dir, 'h.pdf')));
  assert.equal((await runDamo(['report', 'heatmap', '-i', input, '--output', join(dir, 'h.jpeg'), '--resol', '4', '4'])).code, 0);
  assert.deepEqual([...readFileSync(join(dir, 'h.jpeg')).subarray(0, 2)], [0xff, 0xd8]);
  const heats = await runDamo(['report', 'heats', '-i', input, '--heatmap', join(dir, 'old.png'), '--resol', '4', '4']);
  assert.equal(heats.code, 0, heats.err);
  decodePng(readFileSync(join(dir, 'old.png')));
});

test('picture errors are one line: unknown type, missing directory, interactive edit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'damo-heatpic-'));
  const input = recordFile(dir);
  for (const [argv, msg] of [
    [['--output', join(dir, 'heat.gif')], /--output takes stdout, raw, or a file name ending in \.png/],
    [['--output', join(dir, 'no', 'heat.png')], /cannot write .*heat\.png: the directory does not exist/],
    [['--output', join(dir, 'heat.png'), '--interactive_edit'], /--interactive_edit works with the terminal map or raw output/],
  ] as const) {
    const r = await runDamo(['report', 'heatmap', '-i', input, '--resol', '4', '4', ...argv]);
    assert.notEqual(r.code, 0);
    assert.match(r.err, msg);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
  assert.deepEqual(readdirSync(dir), ['rec.json']);
});
