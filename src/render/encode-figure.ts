// The picture types damo writes (upstream's gnuplot terminals: spec/reports.md §3
// and §7.7) and the choice of one from a file name.
import type { Figure } from './figure.ts';
import { encodeJpeg } from './jpeg-encode.ts';
import { encodePdf } from './pdf-encode.ts';
import { encodePng } from './png-encode.ts';
import { rasterize } from './rasterize.ts';
import { encodeSvg } from './svg-encode.ts';

export type ImageType = 'png' | 'svg' | 'pdf' | 'jpeg';
export const IMAGE_TYPES: readonly ImageType[] = ['pdf', 'jpeg', 'png', 'svg'];

/** The type a file name asks for by its last extension ('.jpg' too), or null. */
export function imageTypeOf(path: string): ImageType | null {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || path.lastIndexOf('/') > dot) return null;
  const ext = path.slice(dot + 1).toLowerCase();
  if (ext === 'jpg') return 'jpeg';
  return (IMAGE_TYPES as readonly string[]).includes(ext) ? (ext as ImageType) : null;
}

export async function encodeFigure(fig: Figure, type: ImageType): Promise<Uint8Array> {
  switch (type) {
    case 'png':
      return encodePng(rasterize(fig));
    case 'jpeg':
      return encodeJpeg(rasterize(fig));
    case 'svg':
      return encodeSvg(fig);
    case 'pdf':
      return encodePdf(fig);
  }
}
