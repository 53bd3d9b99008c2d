// `damo report wss`: show the distribution of working set sizes over a record
// (spec/reports.md §9; option spellings and defaults are upstream's).
import { textToBytes } from '../../base/units.ts';
import { UserError } from '../../base/user-error.ts';
import { streamRecordFile } from '../../formats/read-records.ts';
import { distSeries } from '../../report/dist-series.ts';
import { percentilesFromRange } from '../../report/distribution.ts';
import { WssCollector, formatWss } from '../../report/wss.ts';
import { plotTarget, sizeDistributionOptions, writeSizeDistPlot } from '../dist-report-options.ts';
import type { CommandSpec, ParsedArgs } from '../option-table.ts';

/** An option value that must be a whole number (argparse's type=int). */
export function intOption(args: ParsedArgs, dest: string, min = -Infinity): number {
  const text = String(args[dest]).trim();
  if (!/^[-+]?\d+$/.test(text)) throw new UserError(`--${dest} takes a whole number, not '${text}'`);
  const v = Number(text);
  if (v < min) throw new UserError(`--${dest} must be at least ${min}, not ${v}`);
  return v;
}

export const reportWssCommand: CommandSpec = {
  name: 'wss',
  summary: 'show the distribution of working set sizes over a record',
  description:
    'Compute the working set size of every snapshot in a record (the total size of the regions accessed at least --acc_thres times), then show those sizes as percentiles. By default the first 20 snapshots are left out and all targets are summed into one distribution.',
  examples: [
    'damo report wss',
    'damo report wss --range 0 101 10  # every tenth percentile',
    'damo report wss --work_time 1000000 --per_target  # 1-second windows, one distribution per target',
    'damo report wss --sortby time --raw_number  # in time order, plain byte counts',
    'damo report wss --plot wss.png  # the percentiles as a line plot (also .svg, .pdf, .jpeg)',
  ],
  options: [
    ...sizeDistributionOptions('damon.data', 'record file to read'),
    {
      flags: ['--exclude_samples'],
      value: { kind: 'int', min: 0 },
      metavar: '<count>',
      default: '20',
      help: 'number of first snapshots of each record to leave out (warm-up)',
    },
    {
      flags: ['--acc_thres', '-t'],
      value: { kind: 'int', min: 0 },
      metavar: '<count>',
      default: '1',
      help: 'fewest sampled accesses for a region to be in the working set',
    },
    {
      flags: ['--sz_thres'],
      value: { kind: 'size', min: 0 },
      metavar: '<bytes>',
      default: '1',
      help: 'smallest region size to be in the working set',
    },
    {
      flags: ['--work_time'],
      value: { kind: 'int', min: 1 },
      metavar: '<microseconds>',
      default: '1',
      help: 'merge consecutive snapshots into windows of this length before measuring',
    },
    { flags: ['--all_wss'], kind: 'flag', help: 'print every value instead of percentiles' },
    {
      flags: ['--per_target'],
      dest: 'collapse_targets',
      kind: 'const',
      constValue: false,
      default: true,
      help: 'one distribution per monitoring target',
    },
    {
      flags: ['--collapse_targets'],
      dest: 'collapse_targets',
      kind: 'const',
      constValue: true,
      help: 'one distribution of the targets summed (the default)',
    },
  ],
  run: async (args, ctx) => {
    const percentiles = percentilesFromRange(args.range as string[]);
    const opts = {
      accThres: intOption(args, 'acc_thres'),
      szThres: textToBytes(String(args.sz_thres)),
      workTimeUs: BigInt(intOption(args, 'work_time', 0)),
      excludeSamples: intOption(args, 'exclude_samples', 0),
      sortBy: args.sortby as 'size' | 'time',
      collapseTargets: args.collapse_targets as boolean,
    };
    const nrColsBar = intOption(args, 'nr_cols_bar', 0);
    const plot = plotTarget(args);
    // one pass, one snapshot at a time: memory stays bounded however big the record
    const wss = new WssCollector(opts);
    await streamRecordFile(String(args.input), {
      onRecordStart: (r) => wss.startRecord(r),
      onSnapshot: (_, s) => wss.addSnapshot(s),
      onRecordEnd: (r) => wss.endRecord(r),
    });
    const raw = args.raw_number as boolean;
    const printAll = args.all_wss as boolean;
    if (plot) {
      const series = wss.distributions().map((d) => distSeries(`target ${d.label}`, d.values, percentiles, printAll));
      const title = 'working set size distribution';
      await writeSizeDistPlot(plot, series, { title, metric: 'working set size', raw, sortBy: opts.sortBy, printAll });
      return;
    }
    ctx.out(formatWss(wss.distributions(), { percentiles, raw, nrColsBar, printAll }));
  },
};
