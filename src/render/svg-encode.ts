// SVG writer for a Figure: vector lines and text, raster images embedded as PNG
// data URLs drawn without smoothing (spec/ecosystem.md §2.11: one <image> instead of
// one <rect> per heat cell keeps a 500x500 map small).
import type { Figure, FigureItem, Rgb } from './figure.ts';
import { encodePng } from './png-encode.ts';

/** Half the capital height of a sans-serif font, as a share of its size. */
const HALF_CAP = 0.36;

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function hex(c: Rgb): string {
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function itemSvg(item: FigureItem): string {
  switch (item.kind) {
    case 'rect':
      return `<rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.w)}" height="${n(item.h)}" fill="${
        item.fill ? hex(item.fill) : 'none'
      }"${item.stroke ? ` stroke="${hex(item.stroke)}" stroke-width="1"` : ''}/>`;
    case 'polyline':
      return `<polyline points="${item.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${hex(
        item.color,
      )}" stroke-width="${n(item.width)}" stroke-linejoin="round"/>`;
    case 'marker':
      return `<rect x="${n(item.x - item.size / 2)}" y="${n(item.y - item.size / 2)}" width="${n(item.size)}" height="${n(
        item.size,
      )}" fill="${hex(item.color)}"/>`;
    case 'text': {
      const attrs = `font-size="${n(item.size)}" text-anchor="${item.anchor}" fill="${hex(item.color)}"`;
      if (item.vertical) {
        return `<text transform="translate(${n(item.x + HALF_CAP * item.size)},${n(item.y)}) rotate(-90)" ${attrs}>${xmlEscape(
          item.text,
        )}</text>`;
      }
      return `<text x="${n(item.x)}" y="${n(item.y + HALF_CAP * item.size)}" ${attrs}>${xmlEscape(item.text)}</text>`;
    }
    case 'image': {
      const url = `data:image/png;base64,${Buffer.from(encodePng(item.image)).toString('base64')}`;
      return `<image x="${n(item.x)}" y="${n(item.y)}" width="${n(item.w)}" height="${n(
        item.h,
      )}" preserveAspectRatio="none" style="image-rendering:pixelated;image-rendering:crisp-edges" href="${url}" xlink:href="${url}"/>`;
    }
  }
}

export function encodeSvg(fig: Figure): Uint8Array {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${fig.width}" height="${fig.height}" viewBox="0 0 ${fig.width} ${fig.height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${xmlEscape(fig.title)}</title>`,
    `<rect width="100%" height="100%" fill="${hex(fig.background)}"/>`,
    ...fig.items.map(itemSvg),
    '</svg>',
    '',
  ];
  return Buffer.from(lines.join('\n'), 'utf8');
}
