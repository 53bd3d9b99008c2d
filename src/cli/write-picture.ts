// Writes a picture file the way every damo output is written: to a temporary file
// beside it, then renamed over the target, so a failed run leaves no half picture.
import { writeFileAtomic } from '../base/atomic-file.ts';
import { UserError } from '../base/user-error.ts';
import { type ImageType, encodeFigure, imageTypeOf } from '../render/encode-figure.ts';
import type { Figure } from '../render/figure.ts';

/** The picture type of an output file name, or a UserError naming the accepted ones. */
export function pictureTypeOf(path: string, option: string): ImageType {
  const type = imageTypeOf(path);
  if (!type) {
    throw new UserError(`${option} ${path}: unsupported picture type; the file name must end in .png, .svg, .pdf or .jpeg`);
  }
  return type;
}

/** Upstream's name for the i-th map of several: `heat.png` -> `heat.1.png` (i > 0). */
export function numberedPath(path: string, i: number): string {
  if (i === 0) return path;
  const dot = path.lastIndexOf('.');
  return `${path.slice(0, dot)}.${i}${path.slice(dot)}`;
}

export async function writePicture(path: string, fig: Figure, type: ImageType): Promise<void> {
  const bytes = await encodeFigure(fig, type);
  await writeFileAtomic(path, bytes);
}
