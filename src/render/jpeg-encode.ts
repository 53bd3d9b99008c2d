// JPEG output through jpeg-js (pure JavaScript, no dependencies; spec/ecosystem.md
// §2.11), imported only when a JPEG is asked for so other commands do not load it.
import type { RgbImage } from './figure.ts';

/** Baseline JPEG of the pixels; quality 1..100 (90: heat cells keep their colours). */
export async function encodeJpeg(image: RgbImage, quality = 90): Promise<Uint8Array> {
  const mod = (await import('jpeg-js')) as typeof import('jpeg-js') & { default?: typeof import('jpeg-js') };
  const encode = mod.encode ?? mod.default!.encode;
  const rgba = new Uint8Array(image.width * image.height * 4);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgba[i] = image.rgb[j];
    rgba[i + 1] = image.rgb[j + 1];
    rgba[i + 2] = image.rgb[j + 2];
    rgba[i + 3] = 255;
  }
  return encode({ width: image.width, height: image.height, data: rgba }, quality).data;
}
