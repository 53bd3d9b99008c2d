// A seeded fuzzer of damo's inputs: mutated record files (real upstream records and our
// engine's, as json and json_compressed) over the reports and validate, and odd values
// for every command's options. A run passes when damo answers with exit 0, 1 or 2 and
// no internal error or stack trace; anything else is a problem, reported with the
// command line and the input that caused it. Used by test/cli/fuzz.test.ts (a short run)
// and tools/fuzz.ts (a long one).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { rootCommand } from '../../src/cli/command-tree.ts';
import type { CommandSpec, OptionSpec } from '../../src/cli/option-table.ts';
import { parseCommandLine } from '../../src/cli/parse-args.ts';
import { UserError } from '../../src/base/user-error.ts';
import { UPSTREAM_INPUTS } from '../formats/conformance-inputs.ts';
import { runDamo, type Ran } from '../cli/run-command.ts';

/** mulberry32: small, fast and the same everywhere for a seed. */
export class FuzzRng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Values that break assumptions: wrong types, edges of number ranges, texts numbers are read from. */
const ODD_VALUES: Json[] = [
  0, -1, 1.5, -0.5, 1e308, -1e308, 2 ** 53 + 1, 2 ** 64, 1e29, 4294967296,
  'NaN', 'nan', 'inf', '-inf', '1e400', '-1e400', 'max', 'min', '', ' ', 'abc', '1,2,3', '0x10',
  '18446744073709551616', '-18446744073709551616', '99999999999999999999999999', '1 s 2', '5 ms',
  '-1 s 500 ms', '4 KiB', '100%', '-0', true, false, null, [], {}, '\u0000', 'a'.repeat(1000),
];

/** The option values tried on every command. */
const ODD_OPTION_VALUES = [
  '-1', '0', '1', '99999999999999999999999', '1.5', 'abc', '', 'NaN', '-0', '1e400', '0x10', ' ',
  '%', '100%', '4KiB', '-4KiB', '1s', '-1s', '5zz', 'max', 'min', '1,000', '-', '--', 'a'.repeat(300),
  '9'.repeat(400), '1e-400', 'inf',
];

function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (out.length > 5000) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k], [...at, k], out);
  return out;
}

function getAt(v: Json, p: (string | number)[]): Json {
  let x: Json = v;
  for (const k of p) x = (x as Record<string | number, Json>)[k];
  return x;
}

function setAt(v: Json, p: (string | number)[], value: Json | undefined): Json {
  if (p.length === 0) return value ?? null;
  const parent = getAt(v, p.slice(0, -1)) as Record<string | number, Json> | Json[];
  const k = p[p.length - 1];
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(k as number, 1);
    else delete (parent as Record<string, Json>)[k as string];
  } else (parent as Record<string | number, Json>)[k] = value;
  return v;
}

/** One to three structural changes: odd values, removed keys, duplicated or reordered items, swapped siblings. */
function mutateTree(base: Json, rng: FuzzRng): Json {
  let v = structuredClone(base);
  const n = 1 + rng.int(3);
  for (let i = 0; i < n; i++) {
    const all = paths(v);
    const p = rng.pick(all);
    const node = getAt(v, p);
    const op = rng.int(6);
    if (op <= 1 || p.length === 0) v = setAt(v, p, rng.pick(ODD_VALUES));
    else if (op === 2) v = setAt(v, p, undefined);
    else if (op === 3 && Array.isArray(node) && node.length > 0) node.push(structuredClone(rng.pick(node)));
    else if (op === 4 && Array.isArray(node)) node.reverse();
    else {
      const parent = getAt(v, p.slice(0, -1));
      if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
        const keys = Object.keys(parent);
        const [a, b] = [rng.pick(keys), rng.pick(keys)];
        [parent[a], parent[b]] = [parent[b], parent[a]];
      } else v = setAt(v, p, rng.pick(ODD_VALUES));
    }
  }
  return v;
}

/** Byte-level damage: bit flips, a cut, or inserted garbage. */
function damageBytes(bytes: Buffer, rng: FuzzRng): Buffer {
  if (bytes.length === 0) return bytes;
  const op = rng.int(3);
  if (op === 0) {
    const b = Buffer.from(bytes);
    for (let i = 1 + rng.int(4); i > 0; i--) b[rng.int(b.length)] ^= 1 << rng.int(8);
    return b;
  }
  if (op === 1) return bytes.subarray(0, rng.int(bytes.length));
  const at = rng.int(bytes.length);
  const junk = Buffer.from(Array.from({ length: 1 + rng.int(16) }, () => rng.int(256)));
  return Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
}

export interface FuzzSeeds {
  /** Parsed JSON records (the list at a record file's top). */
  json: { name: string; records: Json }[];
  /** perf-script text records. */
  text: { name: string; text: string }[];
}

/** Keeps a few snapshots and regions of each record so each run is quick. */
function trimmed(records: Json, nrSnapshots: number, nrRegions: number): Json {
  const list = structuredClone(records) as { snapshots?: { regions?: Json[] }[] }[];
  for (const r of list.slice(0, 4)) {
    if (!Array.isArray(r.snapshots)) continue;
    r.snapshots = r.snapshots.slice(0, nrSnapshots);
    for (const s of r.snapshots) if (Array.isArray(s.regions)) s.regions = s.regions.slice(0, nrRegions);
  }
  return list.slice(0, 4) as unknown as Json;
}

function readJsonRecordFile(path: string): Json {
  const bytes = readFileSync(path);
  const text = bytes[0] === 0x78 ? inflateSync(bytes).toString('utf8') : bytes.toString('utf8');
  return JSON.parse(text) as Json;
}

/**
 * The records to mutate: upstream's own test records when ../shared/conformance is there,
 * and a short engine recording of sim:stairs made now (in `dir`).
 */
export async function fuzzSeeds(dir: string): Promise<FuzzSeeds> {
  const seeds: FuzzSeeds = { json: [], text: [] };
  const engineOut = join(dir, 'engine-seed.json');
  const rec = await runDamo(['record', 'sim:stairs', '--timeout', '1', '--do_record', 'access', '--output_type', 'json', '-o', engineOut]);
  if (rec.code !== 0) throw new Error(`recording the engine seed failed: ${rec.err}`);
  seeds.json.push({ name: 'engine sim:stairs', records: trimmed(readJsonRecordFile(engineOut), 6, 12) });
  rmSync(engineOut, { force: true });
  if (existsSync(UPSTREAM_INPUTS)) {
    for (const name of ['damon.data', 'damon.data.snapshot.anon', 'damon.data.snapshot.file']) {
      seeds.json.push({ name: `upstream ${name}`, records: trimmed(readJsonRecordFile(join(UPSTREAM_INPUTS, name)), 6, 12) });
    }
    const lines = readFileSync(join(UPSTREAM_INPUTS, 'perf.data.script'), 'utf8').split('\n');
    seeds.text.push({ name: 'upstream perf.data.script', text: lines.slice(0, 120).join('\n') + '\n' });
  } else if (process.env.CI) {
    throw new Error(`the upstream records the fuzzer mutates are missing (${UPSTREAM_INPUTS})`);
  }
  return seeds;
}

export interface FuzzCase {
  argv: string[];
  /** What was done to the input, to reproduce a problem. */
  what: string;
}

/** Commands that read a record and are safe to run on any file (they write only under the fuzz folder). */
function recordCommands(file: string, dir: string): string[][] {
  return [
    ['report', 'access', '-i', file],
    ['report', 'access', '-i', file, '--raw_form'],
    ['report', 'access', '-i', file, '--style', 'simple-boxes'],
    ['report', 'heatmap', '-i', file],
    ['report', 'heatmap', '-i', file, '--output', 'raw'],
    ['report', 'wss', '-i', file, '--exclude_samples', '0'],
    ['report', 'nr_regions', '-i', file],
    ['report', 'record_info', '-i', file],
    ['report', 'times', '-i', file],
    ['report', 'holistic', '-i', file],
    ['validate', '-i', file],
    ['adjust', '-i', file, '-o', join(dir, 'adjusted.data'), '--skip', '0', '--aggregate_interval', '200000'],
    ['convert_record_format', '-i', file, '-o', join(dir, 'converted.data'), '--output_type', 'json'],
  ];
}

/** Writes one mutated record file and picks a command to read it with. */
export function recordCase(seeds: FuzzSeeds, rng: FuzzRng, dir: string, n: number): FuzzCase {
  const file = join(dir, `fuzz-${n}.data`);
  let what: string;
  let bytes: Buffer;
  if (seeds.text.length > 0 && rng.chance(0.1)) {
    const seed = rng.pick(seeds.text);
    bytes = damageBytes(Buffer.from(seed.text), rng);
    what = `${seed.name}, bytes damaged`;
  } else {
    const seed = rng.pick(seeds.json);
    const tree = rng.chance(0.8) ? mutateTree(seed.records, rng) : seed.records;
    let text: Buffer = Buffer.from(JSON.stringify(tree));
    const textDamage = tree === seed.records || rng.chance(0.15);
    if (textDamage) text = damageBytes(text, rng);
    const compressed = rng.chance(0.5);
    bytes = compressed ? deflateSync(text) : text;
    if (compressed && rng.chance(0.15)) bytes = damageBytes(bytes, rng);
    what = `${seed.name}, ${tree === seed.records ? '' : 'tree mutated, '}${textDamage ? 'text damaged, ' : ''}${compressed ? 'json_compressed' : 'json'}`;
  }
  writeFileSync(file, bytes);
  return { argv: rng.pick(recordCommands(file, dir)), what };
}

interface CommandAt {
  path: string[];
  spec: CommandSpec;
}

function commandsOf(spec: CommandSpec, path: string[] = []): CommandAt[] {
  const here = path.length > 0 && spec.run ? [{ path, spec }] : [];
  return [...here, ...(spec.subcommands ?? []).flatMap((c) => commandsOf(c, [...path, c.name]))];
}

/**
 * Commands run whole in the fuzz: they only read records and print (or write under the
 * fuzz folder). The others control DAMON or spawn programs, so their option values are
 * only parsed: the parser is where values are range-checked.
 */
const RUN_WHOLE = new Set(['report access', 'report heatmap', 'report wss', 'report nr_regions', 'report record_info', 'report times',
  'report holistic', 'report footprints', 'validate', 'adjust', 'convert_record_format', 'args damon', 'version', 'help']);

/** Options never given odd values: where files go or which system is touched. */
function fuzzable(opt: OptionSpec): boolean {
  if (!(opt.kind === undefined || opt.kind === 'value')) return false;
  const words = `${opt.flags.join(' ')} ${[opt.metavar ?? ''].flat().join(' ')}`.toLowerCase();
  // --repeat asks for a report every <delay> seconds <count> times: a long run, not a hang
  return !/root|path|file|dir|out|plot|input|backend|perf|tracer|iomem|proc|sysfs|kdamonds|schemes|repeat/.test(words);
}

export function optionCase(rng: FuzzRng, recordFile: string, dir: string): FuzzCase & { runWhole: boolean } {
  const all = commandsOf(rootCommand).filter((c) => (c.spec.options ?? []).some(fuzzable));
  const cmd = rng.pick(all);
  const opt = rng.pick((cmd.spec.options ?? []).filter(fuzzable));
  const n = typeof opt.nargs === 'number' ? opt.nargs : opt.nargs === '+' || opt.nargs === '*' ? 1 + rng.int(3) : opt.nargs === '?' ? rng.int(2) : 1;
  const values = Array.from({ length: n }, () => rng.pick(ODD_OPTION_VALUES));
  const flag = rng.pick(opt.flags);
  const name = cmd.path.join(' ');
  const base = ['report access', 'report heatmap', 'report wss', 'report nr_regions', 'report record_info', 'report times', 'report holistic', 'validate'].includes(name)
    ? ['-i', recordFile]
    : name === 'adjust' || name === 'convert_record_format'
      ? ['-i', recordFile, '-o', join(dir, 'opt-out.data')]
      : [];
  const argv = [...cmd.path, ...base, ...(rng.chance(0.2) && values.length === 1 && flag.startsWith('--') ? [`${flag}=${values[0]}`] : [flag, ...values])];
  return { argv, what: `${flag} ${JSON.stringify(values)}`, runWhole: RUN_WHOLE.has(name) };
}

/** Why a run is not a clean answer, or null. */
export function runProblem(r: Ran): string | null {
  if (![0, 1, 2].includes(r.code)) return `exit status ${r.code}`;
  const text = `${r.err}\n${r.out}`;
  if (/internal error/i.test(text)) return 'an internal error';
  if (/^\s+at .+:\d+:\d+\)?$/m.test(r.err)) return 'a stack trace';
  return null;
}

/** Parses only: a command line is taken or refused with a UserError, nothing else. */
export function parseProblem(argv: string[]): string | null {
  try {
    parseCommandLine(rootCommand, argv);
    return null;
  } catch (e) {
    return e instanceof UserError ? null : `the parser threw ${(e as Error).name}: ${(e as Error).message}`;
  }
}

export interface FuzzProblem {
  argv: string[];
  what: string;
  problem: string;
  detail: string;
}

export interface FuzzOptions {
  seed: number;
  /** Stop after this many cases, or when `deadlineMs` (Date.now()) passes, whichever first. */
  maxCases: number;
  deadlineMs: number;
  dir: string;
  /** Environment of every run: a fake sysfs and state folder, so nothing real is touched. */
  env: NodeJS.ProcessEnv;
  /** A run taking longer than this counts as a hang. */
  hangMs?: number;
}

async function withTimeout(p: Promise<Ran>, ms: number): Promise<Ran | 'hang'> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), ms);
  });
  try {
    return await Promise.race([p, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the fuzz in-process; returns the cases run and the problems found. */
export async function runFuzz(seeds: FuzzSeeds, o: FuzzOptions): Promise<{ cases: number; problems: FuzzProblem[] }> {
  const rng = new FuzzRng(o.seed);
  const problems: FuzzProblem[] = [];
  const goodFile = join(o.dir, 'good.json');
  writeFileSync(goodFile, JSON.stringify(seeds.json[0].records));
  let cases = 0;
  while (cases < o.maxCases && Date.now() < o.deadlineMs) {
    const n = cases++;
    const c = rng.chance(0.6) ? { ...recordCase(seeds, rng, o.dir, n), runWhole: true } : optionCase(rng, goodFile, o.dir);
    let problem: string | null;
    let detail = '';
    if (c.runWhole) {
      const r = await withTimeout(runDamo(c.argv, o.env), o.hangMs ?? 20000);
      problem = r === 'hang' ? 'a hang' : runProblem(r);
      if (r !== 'hang') detail = r.err.slice(0, 2000);
    } else {
      problem = parseProblem(c.argv);
    }
    if (problem) {
      problems.push({ argv: c.argv, what: c.what, problem, detail });
      // keep the input that caused it; the rest is removed as it goes
      continue;
    }
    if (c.argv.includes(join(o.dir, `fuzz-${n}.data`))) rmSync(join(o.dir, `fuzz-${n}.data`), { force: true });
  }
  return { cases, problems };
}
