// `damo report wss`: show the distribution of working set sizes over a record.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportWssCommand: CommandSpec = notBuilt(
  {
    name: 'wss',
    summary: 'show the distribution of working set sizes over a record',
    examples: [],
  },
  'damo report wss',
);
