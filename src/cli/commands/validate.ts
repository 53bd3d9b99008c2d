// `damo validate`: check that a record file is well formed and its values plausible
// (spec/records.md §7). Silent with exit 0 when it passes.
import { existsSync } from 'node:fs';
import type { PyNum } from '../../base/py-num.ts';
import { textToNr } from '../../base/units.ts';
import { UserError } from '../../base/user-error.ts';
import { readRecordFile } from '../../formats/read-records.ts';
import { validateRecords } from '../../report/record-info-validate.ts';
import type { CommandSpec, ParsedArgs } from '../option-table.ts';

function numberPair(args: ParsedArgs, dest: string): [PyNum, PyNum] {
  const [a, b] = (args[dest] as string[]).map((t) => textToNr(t));
  return [a, b];
}

function parseBoundaries(texts: string[] | null, warn: (msg: string) => void): [bigint, bigint][] | null {
  if (!texts) return null;
  const out: [bigint, bigint][] = [];
  for (const t of texts) {
    const parts = t.split('-');
    if (parts.length !== 2) {
      // Upstream skips such a boundary and goes on; say so.
      warn(`damo: ignoring the boundary '${t}': expected <start>-<end>\n`);
      continue;
    }
    const [s, e] = parts.map((p) => {
      if (!/^\s*\d+\s*$/.test(p)) throw new UserError(`wrong --regions_boundary '${t}': addresses must be whole numbers`);
      return BigInt(p.trim());
    });
    out.push([s, e]);
  }
  return out;
}

export const validateCommand: CommandSpec = {
  name: 'validate',
  summary: 'check that a record file is well formed and plausible',
  description:
    'Read a record file and check every snapshot: its length (the aggregation interval), its number of regions and the access counts of its regions must be within the given ranges, and regions must be non-empty and, if boundaries are given, within one. A few snapshots (--allow_error percent) may miss the interval and region-count ranges. Prints nothing and exits 0 when the record passes; otherwise prints the first problem and exits 1.',
  examples: [
    'damo validate',
    'damo validate -i damon.data --aggr 90000 110000 --allow_error 5',
    'damo validate --regions_boundary 4096-1048576  # every region must lie in [4096, 1048576]',
  ],
  options: [
    { flags: ['--input', '-i'], metavar: '<file>', default: 'damon.data', help: 'record file to check' },
    {
      flags: ['--aggr'],
      nargs: 2,
      value: { kind: 'int' },
      metavar: ['<min>', '<max>'],
      default: ['75000', '125000'],
      help: 'allowed snapshot length (aggregation interval) range, in microseconds',
    },
    {
      flags: ['--nr_regions'],
      nargs: 2,
      value: { kind: 'int' },
      metavar: ['<min>', '<max>'],
      default: ['3', '1200'],
      help: 'allowed number of regions per snapshot',
    },
    {
      flags: ['--nr_accesses'],
      nargs: 2,
      value: { kind: 'int' },
      metavar: ['<min>', '<max>'],
      default: ['0', '24'],
      help: 'allowed sampled access count of every region',
    },
    {
      flags: ['--allow_error'],
      metavar: '<percent>',
      default: '2',
      help: 'percent of snapshots that may be out of the --aggr and --nr_regions ranges',
    },
    {
      flags: ['--regions_boundary'],
      nargs: '+',
      metavar: '<start>-<end>',
      help: 'address ranges every region must lie within (one of them)',
    },
  ],
  run: async (args, ctx) => {
    const input = String(args.input);
    if (!existsSync(input)) throw new UserError(`the file (${input}) not found`);
    const allow = Number(String(args.allow_error).replace(/%$/, ''));
    if (!Number.isFinite(allow) || allow < 0) throw new UserError(`--allow_error takes a percent, not '${args.allow_error}'`);
    const opts = {
      aggrUs: numberPair(args, 'aggr'),
      nrRegions: numberPair(args, 'nr_regions'),
      nrAccesses: numberPair(args, 'nr_accesses'),
      allowErrorPercent: allow,
      boundaries: parseBoundaries(args.regions_boundary as string[] | null, ctx.err),
    };
    const records = await readRecordFile(input, { sanityChecks: false });
    const problem = validateRecords(records, opts);
    if (problem) throw new UserError(problem);
  },
};
