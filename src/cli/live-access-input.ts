// The live input of `damo report access` (spec/reports.md §6, spec/control.md §6.7): with
// `--input tried_regions_of K C S`, or no input and no ./damon.data, the records come from
// a snapshot of the running DAMON (engine or kernel backend) instead of a file.
import { existsSync } from 'node:fs';
import type { SnapshotOptions } from '../backend/backend.ts';
import { UserError } from '../base/user-error.ts';
import { parseDamosFilterWords } from '../model/damos-filter-words.ts';
import type { DamonRecord } from '../model/record.ts';
import { backendForRunning } from './backend-choice.ts';
import type { CommandContext, ParsedArgs } from './option-table.ts';

export interface LiveRequest {
  /** One per `tried_regions_of` triple; a single plain snapshot when none is given. */
  triples: [number, number, number][];
  /** No input at all was given (so a missing DAMON is worth a word about ./damon.data). */
  implicit: boolean;
}

function triple(words: string[]): [number, number, number] {
  if (words.length !== 3 || !words.every((w) => /^\d+$/.test(w)))
    throw new UserError(`tried_regions_of needs <kdamond index> <context index> <scheme index> (got '${words.join(' ')}')`);
  return [Number(words[0]), Number(words[1]), Number(words[2])];
}

/** The live snapshot the arguments ask for, or null when record files are the input. */
export function liveRequest(args: ParsedArgs): LiveRequest | null {
  const given = (args.input as string[][] | null) ?? [];
  const older = (args.tried_regions_of as string[][] | null) ?? [];
  const tried = given.filter((w) => w[0] === 'tried_regions_of');
  if (tried.length > 0 || older.length > 0) {
    if (tried.length !== given.length || ((args.input_file as string[] | null) ?? []).length > 0)
      throw new UserError('--input tried_regions_of cannot be mixed with record files');
    return { triples: [...tried.map((w) => triple(w.slice(1))), ...older.map(triple)], implicit: false };
  }
  if (given.length > 0 || ((args.input_file as string[] | null) ?? []).length > 0) return null;
  // Unlike upstream, an existing ./damon.data wins over running DAMON: reading a file never
  // disturbs a kdamond (a snapshot installs a scheme in it).
  if (existsSync('damon.data')) return null;
  return { triples: [], implicit: true };
}

/** Takes the snapshots of a live request from the running backend. */
export async function liveRecords(req: LiveRequest, args: ParsedArgs, ctx: CommandContext): Promise<DamonRecord[]> {
  const filters = parseDamosFilterWords((args.snapshot_damos_filter as string[][] | null) ?? []);
  const base = {
    dontMergeRegions: Boolean(args.dont_merge_regions),
    ...(filters.length > 0 ? { damosFilters: filters } : {}),
  };
  const backend = backendForRunning(args, ctx);
  try {
    if (req.triples.length === 0) return await backend.snapshot(base as SnapshotOptions);
    const out: DamonRecord[] = [];
    for (const t of req.triples) out.push(...(await backend.snapshot({ ...base, triedRegionsOf: t } as SnapshotOptions)));
    return out;
  } catch (e) {
    if (req.implicit && e instanceof UserError && /no kdamond running|not turned on/.test(e.message))
      throw new UserError("no ./damon.data here and no DAMON running to snapshot (give --input <record file>, or start one, e.g. 'damo start sim:stairs')");
    throw e;
  }
}
