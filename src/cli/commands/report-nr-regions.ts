// `damo report nr_regions`: show the distribution of the number of monitoring
// regions over a record's snapshots (spec/reports.md §10).
import { streamRecordFile } from '../../formats/read-records.ts';
import { distSeries } from '../../report/dist-series.ts';
import { percentilesFromRange } from '../../report/distribution.ts';
import { NrRegionsCollector, formatNrRegionsOf } from '../../report/nr-regions.ts';
import { distributionOptions, plotTarget, plotXTitle, writeDistPlot } from '../dist-report-options.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportNrRegionsCommand: CommandSpec = {
  name: 'nr_regions',
  summary: 'show the distribution of the number of monitoring regions over a record',
  description:
    'Count the regions of every snapshot in a record, leaving out the first 20 snapshots (warm-up), and show the counts as percentiles, one distribution per record.',
  examples: [
    'damo report nr_regions',
    'damo report nr_regions --range 0 101 10 --sortby time  # in time order',
    'damo report nr_regions --plot nr_regions.svg  # the percentiles as a line plot',
  ],
  options: distributionOptions('damon.data', 'record file to read'),
  run: async (args, ctx) => {
    const percentiles = percentilesFromRange(args.range as string[]);
    const plot = plotTarget(args);
    const counts = new NrRegionsCollector(args.sortby as 'size' | 'time');
    await streamRecordFile(String(args.input), {
      onRecordStart: () => counts.startRecord(),
      onSnapshot: (_, s) => counts.addSnapshot(s),
      onRecordEnd: (r) => counts.endRecord(r),
    });
    if (plot) {
      const series = counts.records.map((r) => distSeries(`target ${r.targetId ?? 'None'}`, r.values, percentiles, false));
      await writeDistPlot(plot, series, {
        title: 'distribution of the number of regions',
        xTitle: plotXTitle(args.sortby as 'size' | 'time'),
        yTitle: 'number of monitoring target regions',
        yKind: 'number',
        yWhole: true,
      });
      return;
    }
    ctx.out(formatNrRegionsOf(counts.records, percentiles));
  },
};
