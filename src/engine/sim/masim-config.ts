// masim's workload config format: a regions paragraph, then one paragraph per phase
// (spec/damon-core.md §13.1). Parsed strictly: bad lines are user errors naming the line.
import { UserError } from '../../base/user-error.ts';

export type RwMode = 'ro' | 'wo' | 'rw';

export interface MasimRegion {
  name: string;
  size: number;
  /** null: no init file, so pages are populated on first access. */
  initFile: string | null;
}

export interface MasimPattern {
  region: string;
  random: boolean;
  stride: number;
  probability: number;
  rwMode: RwMode;
}

export interface MasimPhase {
  name: string;
  durationMs: number;
  patterns: MasimPattern[];
}

export interface MasimConfig {
  regions: MasimRegion[];
  phases: MasimPhase[];
}

function parseInt10(text: string, what: string, where: string): number {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new UserError(`${where}: ${what} '${text.trim()}' is not an integer`);
  const v = Number(t);
  if (!Number.isSafeInteger(v)) throw new UserError(`${where}: ${what} ${t} is too big`);
  return v;
}

/** Parses masim config text; `origin` names the file in messages. */
export function parseMasimConfig(text: string, origin = 'masim config'): MasimConfig {
  // masim drops every line starting with '#', newline included. A last line without
  // a newline is taken here (masim itself loses it).
  const lines = text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l, i) => ({ text: l, no: i + 1 }))
    .filter((l) => !l.text.startsWith('#'));
  const paragraphs: { text: string; no: number }[][] = [];
  let cur: { text: string; no: number }[] = [];
  for (const l of lines) {
    if (l.text === '') {
      if (cur.length) paragraphs.push(cur);
      cur = [];
    } else {
      cur.push(l);
    }
  }
  if (cur.length) paragraphs.push(cur);
  if (paragraphs.length < 2) throw new UserError(`${origin}: needs a regions paragraph and at least one phase, separated by a blank line`);

  const regions: MasimRegion[] = paragraphs[0].map((l) => {
    const where = `${origin}:${l.no}`;
    const f = l.text.split(',');
    if (f.length < 2 || f.length > 3) throw new UserError(`${where}: a region line is 'name, size[, init_file]'`);
    const size = parseInt10(f[1], 'region size', where);
    if (size <= 0) throw new UserError(`${where}: region size must be positive`);
    const init = f.length === 3 ? (f[2].trim().split(/\s+/)[0] ?? '') : 'none';
    return { name: f[0], size, initFile: init === 'none' || init === '' ? null : init };
  });
  const names = new Set<string>();
  for (const r of regions) {
    if (names.has(r.name)) throw new UserError(`${origin}: region '${r.name}' is defined twice`);
    names.add(r.name);
  }

  const phases: MasimPhase[] = paragraphs.slice(1).map((p) => {
    if (p.length < 3)
      throw new UserError(`${origin}:${p[0].no}: a phase needs a name line, a duration (ms) line and at least one access pattern`);
    const durationMs = parseInt10(p[1].text, 'phase duration (ms)', `${origin}:${p[1].no}`);
    if (durationMs < 0) throw new UserError(`${origin}:${p[1].no}: phase duration must not be negative`);
    const patterns = p.slice(2).map((l): MasimPattern => {
      const where = `${origin}:${l.no}`;
      const f = l.text.split(',');
      if (f.length < 4 || f.length > 5)
        throw new UserError(`${where}: an access pattern is 'region, randomness, stride, probability[, ro|wo|rw]'`);
      if (!names.has(f[0])) throw new UserError(`${where}: no region named '${f[0]}'`);
      const stride = parseInt10(f[2], 'stride', where);
      const probability = parseInt10(f[3], 'probability', where);
      if (stride < 0 || probability < 0) throw new UserError(`${where}: stride and probability must not be negative`);
      let rwMode: RwMode = 'wo';
      if (f.length === 5) {
        const m = f[4].trim().slice(0, 2);
        if (m !== 'ro' && m !== 'wo' && m !== 'rw') throw new UserError(`${where}: access mode must be ro, wo or rw`);
        rwMode = m;
      }
      return { region: f[0], random: parseInt10(f[1], 'randomness', where) !== 0, stride, probability, rwMode };
    });
    return { name: p[0].text, durationMs, patterns };
  });
  return { regions, phases };
}

/** Writes a config in masim's format (what masim.py generates: five-field patterns). */
export function formatMasimConfig(c: MasimConfig): string {
  let s = c.regions.map((r) => `${r.name}, ${r.size}, ${r.initFile ?? 'none'}\n`).join('');
  for (const p of c.phases) {
    s += `\n${p.name}\n${p.durationMs}\n`;
    for (const a of p.patterns) s += `${a.region}, ${a.random ? 1 : 0}, ${a.stride}, ${a.probability}, ${a.rwMode}\n`;
  }
  return s;
}
