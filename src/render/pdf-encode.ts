// PDF writer for a Figure (PDF 1.4, ISO 32000 §7: objects, a cross-reference table
// and a trailer): one page the size of the figure (1 pixel = 1 point), text in the
// standard Helvetica font (no font embedded), images as Flate-compressed RGB XObjects.
import { deflateSync } from 'node:zlib';
import type { Figure, FigureItem, Rgb } from './figure.ts';

/** Half the capital height of Helvetica (718/1000), as a share of the font size. */
const HALF_CAP = 0.359;

// Helvetica's advance widths (its AFM metrics, 1/1000 em) for ASCII 32..126, used
// to centre and right-align text, since PDF text has no anchor of its own.
const WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];

export function helveticaWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    w += c >= 32 && c <= 126 ? WIDTHS[c - 32] : 556;
  }
  return (w * size) / 1000;
}

function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function color(c: Rgb): string {
  return c.map((v) => num(v / 255)).join(' ');
}

/** A PDF literal string of printable ASCII (others become '?'). */
function pdfString(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, '?');
  return `(${ascii.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

class PdfBuilder {
  private readonly objects: Buffer[] = [];

  /** Adds an object and gives its number. */
  add(body: string | Buffer): number {
    this.objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    return this.objects.length;
  }

  stream(dict: string, data: Uint8Array): number {
    return this.add(
      Buffer.concat([
        Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
        data,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
  }

  /** Sets an object added earlier as a placeholder. */
  set(id: number, body: string): void {
    this.objects[id - 1] = Buffer.from(body, 'latin1');
  }

  build(rootId: number, infoId: number): Buffer {
    const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = parts[0].length;
    const offsets: number[] = [];
    this.objects.forEach((body, i) => {
      offsets.push(offset);
      const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
      parts.push(obj);
      offset += obj.length;
    });
    const xref = [`xref\n0 ${offsets.length + 1}\n`, '0000000000 65535 f \n'];
    for (const o of offsets) xref.push(`${String(o).padStart(10, '0')} 00000 n \n`);
    xref.push(`trailer\n<< /Size ${offsets.length + 1} /Root ${rootId} 0 R /Info ${infoId} 0 R >>\n`);
    xref.push(`startxref\n${offset}\n%%EOF\n`);
    parts.push(Buffer.from(xref.join(''), 'latin1'));
    return Buffer.concat(parts);
  }
}

export function encodePdf(fig: Figure): Uint8Array {
  const pdf = new PdfBuilder();
  const H = fig.height;
  const catalog = pdf.add('');
  const pages = pdf.add('');
  const font = pdf.add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const info = pdf.add(`<< /Title ${pdfString(fig.title)} /Producer (damo) >>`);
  const images: string[] = [];
  const ops: string[] = [`${color(fig.background)} rg 0 0 ${fig.width} ${H} re f`];
  const draw = (item: FigureItem): void => {
    switch (item.kind) {
      case 'rect':
        if (item.fill) ops.push(`${color(item.fill)} rg ${num(item.x)} ${num(H - item.y - item.h)} ${num(item.w)} ${num(item.h)} re f`);
        if (item.stroke) {
          ops.push(`${color(item.stroke)} RG 1 w ${num(item.x)} ${num(H - item.y - item.h)} ${num(item.w)} ${num(item.h)} re S`);
        }
        break;
      case 'polyline': {
        if (item.points.length < 2) break;
        const path = item.points.map(([x, y], i) => `${num(x)} ${num(H - y)} ${i === 0 ? 'm' : 'l'}`).join(' ');
        ops.push(`${color(item.color)} RG ${num(item.width)} w 1 j ${path} S`);
        break;
      }
      case 'marker':
        ops.push(`${color(item.color)} rg ${num(item.x - item.size / 2)} ${num(H - item.y - item.size / 2)} ${num(item.size)} ${num(item.size)} re f`);
        break;
      case 'text': {
        const w = helveticaWidth(item.text, item.size);
        const shift = item.anchor === 'start' ? 0 : item.anchor === 'middle' ? -w / 2 : -w;
        // Text matrix: the baseline runs right, or up for vertical text.
        const tm = item.vertical
          ? `0 1 -1 0 ${num(item.x + HALF_CAP * item.size)} ${num(H - item.y + shift)}`
          : `1 0 0 1 ${num(item.x + shift)} ${num(H - item.y - HALF_CAP * item.size)}`;
        ops.push(`${color(item.color)} rg BT /F1 ${num(item.size)} Tf ${tm} Tm ${pdfString(item.text)} Tj ET`);
        break;
      }
      case 'image': {
        const { image } = item;
        const id = pdf.stream(
          `/Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Interpolate false /Filter /FlateDecode`,
          deflateSync(image.rgb),
        );
        const name = `Im${images.length}`;
        images.push(`/${name} ${id} 0 R`);
        ops.push(`q ${num(item.w)} 0 0 ${num(item.h)} ${num(item.x)} ${num(H - item.y - item.h)} cm /${name} Do Q`);
        break;
      }
    }
  };
  fig.items.forEach(draw);
  const content = pdf.stream('/Filter /FlateDecode', deflateSync(Buffer.from(ops.join('\n'), 'latin1')));
  const page = pdf.add(
    `<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 ${fig.width} ${H}] /Resources << /Font << /F1 ${font} 0 R >> /XObject << ${images.join(
      ' ',
    )} >> >> /Contents ${content} 0 R >>`,
  );
  pdf.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R >>`);
  pdf.set(pages, `<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>`);
  return pdf.build(catalog, info);
}
