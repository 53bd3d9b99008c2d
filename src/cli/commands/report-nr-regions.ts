// `damo report nr_regions`: show the distribution of the number of DAMON regions.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportNrRegionsCommand: CommandSpec = notBuilt(
  {
    name: 'nr_regions',
    summary: 'show the distribution of the number of DAMON regions',
    examples: [],
  },
  'damo report nr_regions',
);
