// Test helper: checks a PDF's skeleton (header, objects where the cross-reference
// table says, trailer, startxref, %%EOF) and gives the page's inflated content
// stream and the image XObjects, for tests of the PDF writer.
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';

export interface PdfFacts {
  objectCount: number;
  content: string;
  images: { width: number; height: number; rgb: Buffer }[];
  mediaBox: number[];
}

export function checkPdf(bytes: Uint8Array): PdfFacts {
  const buf = Buffer.from(bytes);
  const text = buf.toString('latin1');
  assert.ok(text.startsWith('%PDF-1.'), 'PDF header');
  assert.ok(text.endsWith('%%EOF\n'), 'ends with %%EOF');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  assert.ok(text.startsWith('xref\n', startxref), 'startxref points at the xref table');
  const head = /^xref\n0 (\d+)\n/.exec(text.slice(startxref));
  assert.ok(head, 'xref subsection header');
  const count = Number(head[1]);
  let pos = startxref + head[0].length;
  const objects = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const entry = text.slice(pos, pos + 20);
    assert.match(entry, /^\d{10} \d{5} [nf] \n$/, `xref entry ${i}`);
    if (i > 0) {
      const offset = Number(entry.slice(0, 10));
      assert.ok(text.startsWith(`${i} 0 obj\n`, offset), `object ${i} where the xref says`);
      const end = text.indexOf('\nendobj\n', offset);
      assert.ok(end > 0, `object ${i} ends`);
      objects.set(i, text.slice(offset, end));
    }
    pos += 20;
  }
  const trailer = text.slice(pos);
  assert.match(trailer, new RegExp(`^trailer\\n<< /Size ${count} /Root (\\d+) 0 R`));
  const streamOf = (obj: string): Buffer => {
    const len = Number(/\/Length (\d+)/.exec(obj)?.[1]);
    const start = obj.indexOf('stream\n') + 7;
    const data = Buffer.from(obj.slice(start, start + len), 'latin1');
    assert.equal(obj.slice(start + len), '\nendstream', 'stream length matches /Length');
    return /\/FlateDecode/.test(obj) ? inflateSync(data) : data;
  };
  const page = [...objects.values()].find((o) => /\/Type \/Page\b(?!s)/.test(o));
  assert.ok(page, 'a page object');
  const contentId = Number(/\/Contents (\d+) 0 R/.exec(page)?.[1]);
  const content = streamOf(objects.get(contentId)!).toString('latin1');
  const mediaBox = /\/MediaBox \[([^\]]+)\]/.exec(page)![1].split(' ').map(Number);
  const images = [...objects.values()]
    .filter((o) => /\/Subtype \/Image/.test(o))
    .map((o) => ({ width: Number(/\/Width (\d+)/.exec(o)![1]), height: Number(/\/Height (\d+)/.exec(o)![1]), rgb: streamOf(o) }));
  return { objectCount: count - 1, content, images, mediaBox };
}

/** The strings shown with Tj, unescaped. */
export function pdfTexts(content: string): string[] {
  return [...content.matchAll(/\(((?:[^\\()]|\\.)*)\) Tj/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
}
