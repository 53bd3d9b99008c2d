// `damo report damon`: show the status of running DAMON.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportDamonCommand: CommandSpec = notBuilt(
  {
    name: 'damon',
    summary: 'show the status of running DAMON',
    examples: [],
  },
  'damo report damon',
);
