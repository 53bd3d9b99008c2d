// Shell completion candidates from the command tree, for the hidden entry
// `damo --cli_complete <cword> <words...>` that our bash script calls (the words are
// bash's COMP_WORDS, word 0 being the program; cword indexes the word being completed).
// The walk over earlier words is lenient: completion never fails, it only offers less.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type CommandSpec, type OptionSpec, type PositionalSpec, destOf } from './option-table.ts';
import { type WordClass, classifyWord, optionsOf } from './parse-args.ts';

export interface CompletionEnv {
  cwd: string;
  home?: string;
}

interface Pending {
  opt: OptionSpec;
  /** Values taken so far. */
  taken: number;
}

interface WalkState {
  spec: CommandSpec;
  positionals: number;
  pending: Pending | undefined;
  afterDashDash: boolean;
}

function classify(spec: CommandSpec, word: string): WordClass {
  try {
    return classifyWord(optionsOf(spec), word);
  } catch {
    return { kind: 'O', opt: undefined, flag: word, attached: undefined };
  }
}

function takesValues(opt: OptionSpec): boolean {
  return opt.kind === undefined || opt.kind === 'value';
}

/** Whether the pending option still must (true) or may ('maybe') take another value. */
function wantsValue(p: Pending): boolean | 'maybe' {
  const n = p.opt.nargs;
  if (n === undefined) return p.taken < 1;
  if (typeof n === 'number') return p.taken < n;
  if (n === '?') return p.taken < 1 ? 'maybe' : false;
  if (n === '+' && p.taken === 0) return true;
  return 'maybe';
}

function walk(root: CommandSpec, words: string[]): WalkState {
  const st: WalkState = { spec: root, positionals: 0, pending: undefined, afterDashDash: false };
  for (const word of words) {
    if (st.afterDashDash) {
      st.positionals++;
      continue;
    }
    const cls = classify(st.spec, word);
    if (st.pending && cls.kind === 'A' && wantsValue(st.pending) !== false) {
      st.pending.taken++;
      continue;
    }
    st.pending = undefined;
    if (word === '--') {
      st.afterDashDash = true;
      continue;
    }
    if (cls.kind === 'A') {
      const sub = st.spec.subcommands?.find((c) => c.name === word);
      if (sub && st.positionals === 0) {
        st.spec = sub;
        continue;
      }
      st.positionals++;
      continue;
    }
    if (cls.opt && takesValues(cls.opt) && cls.attached === undefined) st.pending = { opt: cls.opt, taken: 0 };
  }
  return st;
}

const FILE_WORDS = /file|path|dir|input|output|^out$|record/i;

function completesFiles(target: OptionSpec | PositionalSpec): boolean {
  if (target.completion) return target.completion === 'file';
  if (target.choices) return false;
  if ('flags' in target) {
    const mv = Array.isArray(target.metavar) ? target.metavar.join(' ') : ((target.metavar as string | undefined) ?? '');
    return FILE_WORDS.test(destOf(target)) || FILE_WORDS.test(mv);
  }
  return true;
}

// Our script passes bash words as typed: undo backslash escapes, and escape what we offer.
const unescapeWord = (w: string) => w.replace(/\\(.)/g, '$1');
// '~' stays bare: a leading one is the home folder the user typed.
const escapeWord = (w: string) => w.replace(/([ \t'"\\$`!&;|<>()*?[\]{}#])/g, '\\$1');

function fileCandidates(prefix: string, env: CompletionEnv): string[] {
  const slash = prefix.lastIndexOf('/');
  const dirPart = slash >= 0 ? prefix.slice(0, slash + 1) : '';
  const base = prefix.slice(slash + 1);
  let dir = dirPart === '' ? env.cwd : dirPart;
  if (dir.startsWith('~/') && env.home) dir = join(env.home, dir.slice(2));
  else if (!dir.startsWith('/')) dir = join(env.cwd, dir);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.name.startsWith(base) && (base.startsWith('.') || !e.name.startsWith('.')))
    .map((e) => `${dirPart}${e.name}${e.isDirectory() ? '/' : ''}`)
    .sort();
}

function valueCandidates(target: OptionSpec | PositionalSpec, prefix: string, env: CompletionEnv): string[] {
  if (target.choices) return target.choices.filter((c) => c.startsWith(prefix));
  if (completesFiles(target)) return fileCandidates(prefix, env).map(escapeWord);
  return [];
}

function optionCandidates(spec: CommandSpec, prefix: string): string[] {
  // Advanced (hidden) options show once a few letters narrow the list.
  const withHidden = prefix.length > 2;
  const flags = optionsOf(spec)
    .filter((o) => withHidden || !o.hidden)
    .flatMap((o) => o.flags)
    .filter((f) => f.startsWith(prefix) && (prefix !== '--' || f.startsWith('--')));
  return [...new Set(flags)];
}

function positionalAt(spec: CommandSpec, index: number): PositionalSpec | undefined {
  let k = 0;
  for (const p of spec.positionals ?? []) {
    const n = p.nargs === undefined ? 1 : typeof p.nargs === 'number' ? p.nargs : p.nargs === '?' ? 1 : Infinity;
    if (index < k + n) return p;
    k += n;
  }
  return undefined;
}

function subcommandCandidates(spec: CommandSpec, prefix: string): string[] {
  const subs = (spec.subcommands ?? []).filter((c) => !c.hidden && c.name.startsWith(prefix));
  const current = subs.filter((c) => !c.olderNameFor);
  return (current.length > 0 ? current : subs).map((c) => c.name);
}

/** Candidates for bash's COMP_WORDS (`args` = [cword, word0, word1, ...]), one per line. */
export function completionCandidates(root: CommandSpec, args: string[], env: CompletionEnv): string[] {
  const cword = Number(args[0]);
  const words = args.slice(1);
  if (!Number.isInteger(cword) || cword < 1) return [];
  const before = words.slice(1, cword).map(unescapeWord);
  let cur = unescapeWord(words[cword] ?? '');

  // bash splits `--opt=val` into '--opt', '=', 'val' (COMP_WORDBREAKS), and replaces
  // only the text after '='.
  let forcedOption: string | undefined;
  let optionAt = -1;
  if (cur === '=' && before.length > 0) {
    optionAt = before.length - 1;
    cur = '';
  } else if (before.length >= 2 && before[before.length - 1] === '=') {
    optionAt = before.length - 2;
  }
  if (optionAt >= 0) forcedOption = before[optionAt];
  if (forcedOption !== undefined) {
    const st = walk(root, before.slice(0, optionAt));
    const cls = classify(st.spec, forcedOption);
    if (cls.kind === 'O' && cls.opt && takesValues(cls.opt)) return valueCandidates(cls.opt, cur, env);
    return [];
  }

  const st = walk(root, before);
  if (!st.afterDashDash && cur.startsWith('--') && cur.includes('=')) {
    const head = cur.slice(0, cur.indexOf('='));
    const cls = classify(st.spec, head);
    if (cls.kind !== 'O' || !cls.opt || !takesValues(cls.opt)) return [];
    return valueCandidates(cls.opt, cur.slice(head.length + 1), env).map((v) => `${head}=${v}`);
  }
  if (st.pending) {
    const want = wantsValue(st.pending);
    if (want === true || (want === 'maybe' && !cur.startsWith('-'))) return valueCandidates(st.pending.opt, cur, env);
  }
  if (!st.afterDashDash && cur.startsWith('-')) return optionCandidates(st.spec, cur);
  if (st.spec.subcommands && st.positionals === 0 && !st.afterDashDash) return subcommandCandidates(st.spec, cur);
  const pos = positionalAt(st.spec, st.positionals);
  return pos ? valueCandidates(pos, cur, env) : [];
}
