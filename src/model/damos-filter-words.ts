// `--damos_filter` words to DAMOS filters (spec/control.md §2.4): the current form
// `<allow|reject> [none] <type> [args]` over all occurrences' words, else the older
// per-occurrence form `<type> <matching|nomatching> [args] [allow|reject]`.
import { textToBytes, textToNr } from '../base/units.ts';
import { UserError } from '../base/user-error.ts';
import { DAMOS_FILTER_TYPES, type DamosFilterType, type Filter } from './damon-params.ts';

const ALLOW_WORDS: Record<string, boolean> = { allow: true, pass: true, reject: false, deny: false, block: false };

function emptyFilter(type: DamosFilterType, matching: boolean, allow: boolean): Filter {
  return { filterType: type, matching, allow, memcgPath: null, addressRange: null, damonTargetIdx: null, hugepageSize: null };
}

function isType(w: string | undefined): w is DamosFilterType {
  return w !== undefined && (DAMOS_FILTER_TYPES as readonly string[]).includes(w);
}

/** Reads the type's arguments from words[i...]; returns the next index. */
function readTypeArgs(f: Filter, words: string[], i: number): number {
  const need = (n: number) => {
    if (i + n > words.length) throw new UserError(`'${f.filterType}' filter needs ${n} more word(s)`);
  };
  switch (f.filterType) {
    case 'memcg':
      need(1);
      f.memcgPath = words[i];
      return i + 1;
    case 'addr': {
      need(2);
      const start = textToBytes(words[i]);
      const end = textToBytes(words[i + 1]);
      if (start >= end) throw new UserError(`addr filter range [${words[i]}, ${words[i + 1]}) is empty`);
      f.addressRange = { start, end };
      return i + 2;
    }
    case 'target': {
      need(1);
      const idx = textToNr(words[i]);
      if (typeof idx !== 'bigint' || idx < 0n) throw new UserError(`target filter index '${words[i]}' is not a target index`);
      f.damonTargetIdx = idx;
      return i + 1;
    }
    case 'hugepage_size':
      need(2);
      f.hugepageSize = [textToBytes(words[i]), textToBytes(words[i + 1])];
      return i + 2;
    default:
      return i;
  }
}

function parseCurrentForm(words: string[]): Filter[] {
  const filters: Filter[] = [];
  let i = 0;
  while (i < words.length) {
    const allow = ALLOW_WORDS[words[i]];
    if (allow === undefined || words[i] === 'pass') throw new UserError(`'${words[i]}' is not allow or reject`);
    i++;
    let matching = true;
    if (words[i] === 'none') {
      matching = false;
      i++;
    }
    const type = words[i];
    if (!isType(type)) throw new UserError(`unknown filter type '${type ?? ''}' (it is one of ${DAMOS_FILTER_TYPES.join(', ')})`);
    const f = emptyFilter(type, matching, allow);
    i = readTypeArgs(f, words, i + 1);
    filters.push(f);
  }
  return filters;
}

function parseOlderForm(words: string[]): Filter {
  const [type, match] = words;
  if (!isType(type)) throw new UserError(`unknown filter type '${type ?? ''}'`);
  if (match !== 'matching' && match !== 'nomatching') throw new UserError(`'${match ?? ''}' is not matching or nomatching`);
  const f = emptyFilter(type, match === 'matching', false);
  let i = readTypeArgs(f, words, 2);
  if (i < words.length) {
    const allow = ALLOW_WORDS[words[i]];
    if (allow === undefined) throw new UserError(`'${words[i]}' is not allow or reject`);
    f.allow = allow;
    i++;
  }
  if (i !== words.length) throw new UserError(`unexpected '${words.slice(i).join(' ')}'`);
  return f;
}

export function parseDamosFilterWords(occurrences: string[][]): Filter[] {
  if (occurrences.length === 0) return [];
  try {
    return parseCurrentForm(occurrences.flat());
  } catch (current) {
    try {
      return occurrences.map(parseOlderForm);
    } catch {
      const msg = current instanceof Error ? current.message : String(current);
      throw new UserError(`wrong --damos_filter '${occurrences.map((o) => o.join(' ')).join("' '")}' (${msg})`);
    }
  }
}
