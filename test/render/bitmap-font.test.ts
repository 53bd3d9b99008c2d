import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GLYPH_ROWS, GLYPH_WIDTH, glyphBits, rasterTextWidth } from '../../src/render/bitmap-font.ts';

test('every printable ASCII character has its own glyph', () => {
  const box = glyphBits('\u00e9').join('');
  const seen = new Map<string, string>();
  for (let c = 33; c <= 126; c++) {
    const ch = String.fromCharCode(c);
    const bits = glyphBits(ch);
    assert.equal(bits.length, GLYPH_ROWS * GLYPH_WIDTH);
    const key = bits.join('');
    assert.ok(key.includes('1'), `${ch} has ink`);
    assert.notEqual(key, box, `${ch} is not the unknown box`);
    assert.equal(seen.get(key), undefined, `${ch} differs from ${seen.get(key)}`);
    seen.set(key, ch);
  }
  assert.ok(!glyphBits(' ').includes(1));
});

test('text width scales with the font size in whole pixels', () => {
  assert.equal(rasterTextWidth('', 14), 0);
  assert.equal(rasterTextWidth('ab', 7), 11);
  assert.equal(rasterTextWidth('ab', 14), 22);
});
