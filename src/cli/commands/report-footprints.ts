// `damo report footprints`: show the distribution of memory footprints over a record.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportFootprintsCommand: CommandSpec = notBuilt(
  {
    name: 'footprints',
    summary: 'show the distribution of memory footprints over a record',
    examples: [],
  },
  'damo report footprints',
);
