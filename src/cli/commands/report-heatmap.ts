// `damo report heatmap`: draw the access heatmap (time by address) of a record.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportHeatmapCommand: CommandSpec = notBuilt(
  {
    name: 'heatmap',
    summary: 'draw the access heatmap (time by address) of a record',
    examples: [],
  },
  'damo report heatmap',
);
