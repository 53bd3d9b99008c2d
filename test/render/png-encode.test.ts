// The PNG writer against an independent reader (decode-png.ts): exact pixels back,
// valid chunk CRCs, sizes from 1x1 to odd shapes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodePng } from '../../src/render/png-encode.ts';
import { decodePng } from './decode-png.ts';

function randomImage(width: number, height: number, seed: number) {
  const rgb = new Uint8Array(width * height * 3);
  let s = seed;
  for (let i = 0; i < rgb.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    rgb[i] = s >>> 24;
  }
  return { width, height, rgb };
}

test('pixels come back exactly, for any size', () => {
  for (const [w, h] of [
    [1, 1],
    [3, 7],
    [64, 1],
    [1, 50],
    [37, 23],
  ]) {
    const img = randomImage(w, h, w * 31 + h);
    const png = decodePng(encodePng(img));
    assert.equal(png.width, w);
    assert.equal(png.height, h);
    assert.deepEqual(png.chunkTypes, ['IHDR', 'IDAT', 'IEND']);
    assert.deepEqual(png.rgb, img.rgb);
  }
});

test('a flat picture compresses to a few hundred bytes', () => {
  const rgb = new Uint8Array(500 * 500 * 3).fill(200);
  assert.ok(encodePng({ width: 500, height: 500, rgb }).length < 2000);
});

test('an empty picture is refused', () => {
  assert.throws(() => encodePng({ width: 0, height: 5, rgb: new Uint8Array(0) }));
});
