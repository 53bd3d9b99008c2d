// `damo report footprints`: show the distribution of memory footprints recorded
// beside a record (`damo record --footprint`), spec/reports.md §11.
import { readFile } from 'node:fs/promises';
import { UserError } from '../../base/user-error.ts';
import { distSeries } from '../../report/dist-series.ts';
import { percentilesFromRange } from '../../report/distribution.ts';
import {
  FOOTPRINT_METRICS,
  type FootprintMetric,
  footprintDistribution,
  formatFootprints,
  parseMemFootprints,
} from '../../report/footprints.ts';
import { plotTarget, sizeDistributionOptions, writeSizeDistPlot } from '../dist-report-options.ts';
import type { CommandSpec } from '../option-table.ts';
import { intOption } from './report-wss.ts';

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
    'damo report footprints --plot footprints.pdf  # vsz, rss and sys_used as lines of one plot',
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
    ...sizeDistributionOptions('damon.data.mem_footprint', 'memory footprint file to read'),
    { flags: ['--all_footprint'], kind: 'flag', help: 'print every value instead of percentiles' },
  ],
  run: async (args, ctx) => {
    const percentiles = percentilesFromRange(args.range as string[]);
    const nrColsBar = intOption(args, 'nr_cols_bar', 0);
    const plot = plotTarget(args);
    const path = String(args.input);
    const snapshots = parseMemFootprints(await readText(path), path);
    const metrics = args.metric === 'all' ? FOOTPRINT_METRICS : [args.metric as FootprintMetric];
    const sortBy = args.sortby as 'size' | 'time';
    const raw = args.raw_number as boolean;
    const printAll = args.all_footprint as boolean;
    if (plot) {
      const series = metrics.map((m) => distSeries(m, footprintDistribution(snapshots, m, sortBy), percentiles, printAll));
      const title = 'memory footprint distribution';
      await writeSizeDistPlot(plot, series, { title, metric: 'memory footprint', raw, sortBy, printAll });
      return;
    }
    ctx.out(formatFootprints(snapshots, metrics, { percentiles, sortBy, raw, nrColsBar, printAll }));
  },
};
