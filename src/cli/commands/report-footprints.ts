// `damo report footprints`: show the distribution of memory footprints recorded
// beside a record (`damo record --footprint`), spec/reports.md §11.
import { readFile } from 'node:fs/promises';
import { UserError } from '../../base/user-error.ts';
import { percentilesFromRange } from '../../report/distribution.ts';
import { FOOTPRINT_METRICS, type FootprintMetric, formatFootprints, parseMemFootprints } from '../../report/footprints.ts';
import type { CommandSpec } from '../option-table.ts';
import { intOption, plotNotBuilt } from './report-wss.ts';

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${path} not found`);
    throw new UserError(`cannot read ${path} (${(e as Error).message})`);
  }
}

export const reportFootprintsCommand: CommandSpec = {
  name: 'footprints',
  summary: 'show the distribution of memory footprints over a record',
  description:
    'Show the memory footprints that `damo record` saved beside a record (the .mem_footprint file) as percentiles: the virtual size (vsz) and resident size (rss) of the monitored processes, and the memory the whole system used (sys_used).',
  examples: [
    'damo report footprints',
    'damo report footprints rss --sortby time  # resident set size, in time order',
    'damo report footprints sys_used -i damon.data.mem_footprint --raw_number',
  ],
  positionals: [
    {
      name: 'metric',
      nargs: '?',
      default: 'all',
      choices: [...FOOTPRINT_METRICS, 'all'],
      metavar: '<vsz|rss|sys_used|all>',
      help: "what to show; 'all' shows the three one after another",
    },
  ],
  options: [
    {
      flags: ['--input', '-i'],
      metavar: '<file>',
      default: 'damon.data.mem_footprint',
      help: 'memory footprint file to read',
    },
    {
      flags: ['--range', '-r'],
      nargs: 3,
      metavar: ['<start>', '<stop>', '<step>'],
      default: ['0', '101', '25'],
      help: 'percentiles to show, as Python range() arguments',
    },
    {
      flags: ['--sortby'],
      choices: ['time', 'size'],
      default: 'size',
      metavar: '<time|size>',
      help: 'order of the values the percentiles are taken from: by size (ascending, the default) or by time',
    },
    { flags: ['--plot'], metavar: '<file>', help: 'draw the distribution to an image file (not built yet)' },
    {
      flags: ['--nr_cols_bar'],
      metavar: '<columns>',
      default: '59',
      help: 'width of the bar after each percentile; 0 hides it',
    },
    { flags: ['--raw_number'], kind: 'flag', help: 'print plain byte counts instead of human-readable sizes' },
    { flags: ['--all_footprint'], kind: 'flag', help: 'print every value instead of percentiles' },
  ],
  run: async (args, ctx) => {
    const percentiles = percentilesFromRange(args.range as string[]);
    const nrColsBar = intOption(args, 'nr_cols_bar', 0);
    plotNotBuilt(args);
    const path = String(args.input);
    const snapshots = parseMemFootprints(await readText(path), path);
    const metrics = args.metric === 'all' ? FOOTPRINT_METRICS : [args.metric as FootprintMetric];
    ctx.out(
      formatFootprints(snapshots, metrics, {
        percentiles,
        sortBy: args.sortby as 'size' | 'time',
        raw: args.raw_number as boolean,
        nrColsBar,
        printAll: args.all_footprint as boolean,
      }),
    );
  },
};
