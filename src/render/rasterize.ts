// Draws a Figure into an RGB pixel buffer (for PNG and JPEG): filled and outlined
// rectangles, thick polylines, square markers, bitmap-font text and images scaled
// by nearest pixel. No smoothing: heat cells stay exact colours.
import { ADVANCE, CAP_ROWS, GLYPH_ROWS, GLYPH_WIDTH, fontScale, glyphBits, rasterTextWidth } from './bitmap-font.ts';
import type { Figure, FigureItem, Rgb, RgbImage } from './figure.ts';

class Canvas implements RgbImage {
  readonly rgb: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.rgb = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) this.rgb.set(background, i * 3);
  }

  dot(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.rgb.set(c, (y * this.width + x) * 3);
  }

  fill(x: number, y: number, w: number, h: number, c: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) this.rgb.set(c, (yy * this.width + xx) * 3);
  }

  /** A line `width` pixels thick, stamped as squares along its length. */
  line(ax: number, ay: number, bx: number, by: number, width: number, c: Rgb): void {
    const steps = Math.max(Math.abs(bx - ax), Math.abs(by - ay), 1);
    const half = (Math.max(1, Math.round(width)) - 1) / 2;
    for (let i = 0; i <= steps; i++) {
      const x = Math.round(ax + ((bx - ax) * i) / steps);
      const y = Math.round(ay + ((by - ay) * i) / steps);
      this.fill(x - Math.floor(half), y - Math.floor(half), 2 * half + 1, 2 * half + 1, c);
    }
  }

  text(item: Extract<FigureItem, { kind: 'text' }>): void {
    const k = fontScale(item.size);
    const w = rasterTextWidth(item.text, item.size);
    const shift = item.anchor === 'start' ? 0 : item.anchor === 'middle' ? -Math.round(w / 2) : -w;
    // Offsets along the text (u, from the anchor) and across it (v, from the middle of the capitals).
    const vTop = -Math.round((CAP_ROWS * k) / 2);
    for (let n = 0; n < item.text.length; n++) {
      const bits = glyphBits(item.text[n]);
      for (let gy = 0; gy < GLYPH_ROWS; gy++) {
        for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
          if (!bits[gy * GLYPH_WIDTH + gx]) continue;
          const u = shift + (n * ADVANCE + gx) * k;
          const v = vTop + gy * k;
          // Turned a quarter to the left, the text runs up the image and "down" is to the right.
          if (item.vertical) this.fill(item.x + v, item.y - u - k, k, k, item.color);
          else this.fill(item.x + u, item.y + v, k, k, item.color);
        }
      }
    }
  }

  image(item: Extract<FigureItem, { kind: 'image' }>): void {
    const { image } = item;
    const x0 = Math.round(item.x);
    const y0 = Math.round(item.y);
    const w = Math.round(item.w);
    const h = Math.round(item.h);
    for (let yy = 0; yy < h; yy++) {
      const sy = Math.min(image.height - 1, Math.floor((yy * image.height) / h));
      for (let xx = 0; xx < w; xx++) {
        const sx = Math.min(image.width - 1, Math.floor((xx * image.width) / w));
        const s = (sy * image.width + sx) * 3;
        const px = x0 + xx;
        const py = y0 + yy;
        if (px < 0 || py < 0 || px >= this.width || py >= this.height) continue;
        this.rgb[(py * this.width + px) * 3] = image.rgb[s];
        this.rgb[(py * this.width + px) * 3 + 1] = image.rgb[s + 1];
        this.rgb[(py * this.width + px) * 3 + 2] = image.rgb[s + 2];
      }
    }
  }
}

/** The figure's pixels. */
export function rasterize(fig: Figure): RgbImage {
  const canvas = new Canvas(fig.width, fig.height, fig.background);
  for (const item of fig.items) {
    switch (item.kind) {
      case 'rect':
        if (item.fill) canvas.fill(item.x, item.y, item.w, item.h, item.fill);
        if (item.stroke) {
          const [x0, y0, x1, y1] = [item.x, item.y, item.x + item.w, item.y + item.h].map(Math.round);
          canvas.line(x0, y0, x1, y0, 1, item.stroke);
          canvas.line(x0, y1, x1, y1, 1, item.stroke);
          canvas.line(x0, y0, x0, y1, 1, item.stroke);
          canvas.line(x1, y0, x1, y1, 1, item.stroke);
        }
        break;
      case 'polyline':
        for (let i = 1; i < item.points.length; i++) {
          const [a, b] = [item.points[i - 1], item.points[i]];
          canvas.line(Math.round(a[0]), Math.round(a[1]), Math.round(b[0]), Math.round(b[1]), item.width, item.color);
        }
        break;
      case 'marker':
        canvas.fill(item.x - item.size / 2, item.y - item.size / 2, item.size, item.size, item.color);
        break;
      case 'text':
        canvas.text(item);
        break;
      case 'image':
        canvas.image(item);
        break;
    }
  }
  return { width: canvas.width, height: canvas.height, rgb: canvas.rgb };
}
