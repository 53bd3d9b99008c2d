// Reads parameter text (JSON or YAML, given as text or as a file path) into a
// PyJson tree: JSON ints become bigint and floats number, as Python's json does;
// YAML is read with YAML 1.1 rules as PyYAML does (spec/ecosystem.md §2.3).
import { existsSync, readFileSync, statSync } from 'node:fs';
import YAML from 'yaml';
import { UserError } from '../base/user-error.ts';
import type { Kdamond, Scheme } from '../model/damon-params.ts';
import type { PyJson } from '../base/py-json.ts';
import { kdamondsFromKv, schemesFromKv } from './kdamonds-from-kv.ts';

class JsonSyntaxError extends Error {}

/** json.loads, keeping Python's int/float distinction. */
export function parsePyJson(text: string): PyJson {
  let i = 0;
  const fail = (what: string): never => {
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    const col = i - before.lastIndexOf('\n');
    throw new JsonSyntaxError(`${what} at line ${line} column ${col}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const value = (): PyJson => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o: { [k: string]: PyJson } = {};
      ws();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a quoted key');
        const k = string();
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        o[k] = value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return o;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const a: PyJson[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return a;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('expected a value');
    i += m[0].length;
    return m[2] === undefined && m[3] === undefined ? BigInt(m[0]) : Number(m[0]);
  };
  const string = (): string => {
    const m = /^"((?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*)"/.exec(text.slice(i));
    if (!m) return fail('bad string');
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const v = value();
  ws();
  if (i !== text.length) fail('extra data');
  return v;
}

function fromYaml(v: unknown): PyJson {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint' || typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map(fromYaml);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const o: { [k: string]: PyJson } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = fromYaml(x);
    return o;
  }
  return String(v);
}

/** yaml.safe_load (YAML 1.1: `yes` is true, `010` is 8). */
export function parsePyYaml(text: string): PyJson {
  const doc = YAML.parseDocument(text, { version: '1.1', intAsBigInt: true, uniqueKeys: false });
  if (doc.errors.length > 0) throw new JsonSyntaxError(doc.errors[0].message.split('\n')[0]);
  return fromYaml(doc.toJS({ maxAliasCount: 100 }));
}

function isFile(p: string): boolean {
  try {
    return p.length < 4096 && !p.includes('\n') && existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}

export interface LoadedText {
  value: PyJson;
  /** 'file <path>' or 'the given text', for messages. */
  origin: string;
}

/**
 * Reads `arg` as a file if one exists at that path, else as text; JSON first, then
 * YAML (or YAML only for *.yaml/*.yml files). Returns null if it is neither.
 */
export function loadParamsText(arg: string): LoadedText | null {
  let text = arg;
  let origin = 'the given text';
  if (isFile(arg)) {
    try {
      text = readFileSync(arg, 'utf8');
    } catch (e) {
      throw new UserError(`cannot read ${arg} (${(e as Error).message})`);
    }
    origin = `file ${arg}`;
  }
  const yamlOnly = /\.ya?ml$/.test(arg) && origin !== 'the given text';
  let jsonError = '';
  if (!yamlOnly) {
    try {
      return { value: parsePyJson(text), origin };
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      jsonError = e.message;
    }
  }
  try {
    const v = parsePyYaml(text);
    // Plain words parse as YAML strings; only mappings and lists are parameters.
    if (v !== null && typeof v === 'object') return { value: v, origin };
  } catch (e) {
    if (yamlOnly) throw new UserError(`cannot read ${origin} as YAML (${(e as Error).message})`);
    // Text that is clearly meant as parameters gets the parser's complaint.
    if (/^\s*[{[]/.test(text) || /^\s*kdamonds\s*:/.test(text)) {
      const first = text.trimStart().startsWith('{') || text.trimStart().startsWith('[');
      throw new UserError(
        `cannot read ${origin} as ${first ? `JSON (${jsonError})` : `YAML (${(e as Error).message})`}`,
      );
    }
  }
  return null;
}

/** `--kdamonds` / deducible-target parameters; null when `arg` is not parameters text. */
export function loadKdamonds(arg: string): Kdamond[] | null {
  const loaded = loadParamsText(arg);
  if (loaded === null) return null;
  const v = loaded.value;
  if (v === null || typeof v !== 'object') return null;
  if (Array.isArray(v) || !('kdamonds' in v)) {
    throw new UserError(`${loaded.origin} has no 'kdamonds' list (expected {"kdamonds": [...]} as 'damo args damon' prints)`);
  }
  return kdamondsFromKv(v, loaded.origin === 'the given text' ? '' : `${loaded.origin.slice(5)}:`);
}

/** `-c/--schemes`: a JSON/YAML list of schemes (text or file). */
export function loadSchemes(arg: string): Scheme[] {
  const loaded = loadParamsText(arg);
  if (loaded === null) throw new UserError(`--schemes '${arg}' is neither a JSON/YAML list of schemes nor a file holding one`);
  return schemesFromKv(loaded.value, 'schemes');
}
