// `damo report nr_regions`: show the distribution of the number of monitoring
// regions over a record's snapshots (spec/reports.md §10).
import { streamRecordFile } from '../../formats/read-records.ts';
import { percentilesFromRange } from '../../report/distribution.ts';
import { NrRegionsCollector, formatNrRegionsOf } from '../../report/nr-regions.ts';
import type { CommandSpec } from '../option-table.ts';
import { plotNotBuilt } from './report-wss.ts';

export const reportNrRegionsCommand: CommandSpec = {
  name: 'nr_regions',
  summary: 'show the distribution of the number of monitoring regions over a record',
  description:
    'Count the regions of every snapshot in a record, leaving out the first 20 snapshots (warm-up), and show the counts as percentiles, one distribution per record.',
  examples: ['damo report nr_regions', 'damo report nr_regions --range 0 101 10 --sortby time  # in time order'],
  options: [
    { flags: ['--input', '-i'], metavar: '<file>', default: 'damon.data', help: 'record file to read' },
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
  ],
  run: async (args, ctx) => {
    const percentiles = percentilesFromRange(args.range as string[]);
    plotNotBuilt(args);
    const counts = new NrRegionsCollector(args.sortby as 'size' | 'time');
    await streamRecordFile(String(args.input), {
      onRecordStart: () => counts.startRecord(),
      onSnapshot: (_, s) => counts.addSnapshot(s),
      onRecordEnd: (r) => counts.endRecord(r),
    });
    ctx.out(formatNrRegionsOf(counts.records, percentiles));
  },
};
