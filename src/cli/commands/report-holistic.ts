// `damo report holistic`: show heatmap, footprints and hot functions of a record together.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportHolisticCommand: CommandSpec = notBuilt(
  {
    name: 'holistic',
    summary: 'show heatmap, footprints and hot functions of a record together',
    examples: [],
  },
  'damo report holistic',
);
