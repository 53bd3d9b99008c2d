// PNG writer for 8-bit RGB pixels (PNG spec, ISO/IEC 15948: signature, IHDR, IDAT
// with zlib data of filtered rows, IEND; CRC-32 over type and data of each chunk).
import { crc32, deflateSync } from 'node:zlib';
import type { RgbImage } from './figure.ts';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * Each row is stored with the "up" filter (difference to the row above): heatmaps
 * and plots repeat rows a lot, so this compresses far better than no filter.
 */
function filteredRows({ width, height, rgb }: RgbImage): Buffer {
  const stride = width * 3;
  const out = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const o = y * (stride + 1);
    const row = y * stride;
    out[o] = y === 0 ? 0 : 2;
    for (let i = 0; i < stride; i++) out[o + 1 + i] = y === 0 ? rgb[row + i] : (rgb[row + i] - rgb[row - stride + i]) & 0xff;
  }
  return out;
}

export function encodePng(image: RgbImage): Uint8Array {
  if (image.width < 1 || image.height < 1) throw new Error('a PNG needs at least one pixel');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(image.width, 0);
  ihdr.writeUInt32BE(image.height, 4);
  ihdr[8] = 8; // bits per sample
  ihdr[9] = 2; // colour type: RGB
  // compression, filter method and interlace stay 0
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(filteredRows(image), { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
