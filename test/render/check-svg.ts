// Test helper: a strict little XML well-formedness check (one root, tags nested and
// closed, attributes quoted and not repeated, entities known), and the texts of
// <text> elements, for SVG output.
import assert from 'node:assert/strict';

export interface SvgFacts {
  root: string;
  texts: string[];
  elements: Map<string, number>;
  attrsOf: (name: string) => Record<string, string>[];
}

const ENTITY = /&(#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);/g;

function unescape(text: string): string {
  assert.ok(!/&(?!(#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);)/.test(text), `bad entity in ${text.slice(0, 60)}`);
  return text.replace(ENTITY, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e],
  );
}

export function checkSvg(xml: string): SvgFacts {
  const stack: string[] = [];
  const texts: string[] = [];
  const elements = new Map<string, number>();
  const attrs = new Map<string, Record<string, string>[]>();
  let root = '';
  let pos = 0;
  let textOpen = false;
  let current = '';
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  while (pos < body.length) {
    const lt = body.indexOf('<', pos);
    const chars = body.slice(pos, lt < 0 ? body.length : lt);
    if (stack.length === 0) assert.match(chars, /^\s*$/, 'nothing outside the root element');
    else {
      assert.ok(!chars.includes('>'), 'stray >');
      if (textOpen) current += unescape(chars);
    }
    if (lt < 0) break;
    const gt = body.indexOf('>', lt);
    assert.ok(gt > 0, 'unclosed tag');
    const tag = body.slice(lt + 1, gt);
    pos = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      assert.equal(stack.pop(), name, `closing </${name}>`);
      if (name === 'text') {
        texts.push(current);
        textOpen = false;
      }
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const m = /^([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*\/?$/.exec(tag);
    assert.ok(m, `malformed tag <${tag.slice(0, 80)}>`);
    const name = m[1];
    if (stack.length === 0) {
      assert.equal(root, '', 'one root element');
      root = name;
    }
    const seen: Record<string, string> = {};
    for (const a of m[2].matchAll(/([\w:.-]+)="([^"]*)"/g)) {
      assert.ok(!(a[1] in seen), `attribute ${a[1]} repeated in <${name}>`);
      seen[a[1]] = unescape(a[2]);
    }
    elements.set(name, (elements.get(name) ?? 0) + 1);
    attrs.set(name, [...(attrs.get(name) ?? []), seen]);
    if (!selfClosing) {
      stack.push(name);
      if (name === 'text') {
        textOpen = true;
        current = '';
      }
    }
  }
  assert.equal(stack.length, 0, `unclosed elements: ${stack.join(', ')}`);
  return { root, texts, elements, attrsOf: (name) => attrs.get(name) ?? [] };
}
