// `damo report times`: show the times a given access pattern was seen in a record.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportTimesCommand: CommandSpec = notBuilt(
  {
    name: 'times',
    summary: 'show the times a given access pattern was seen in a record',
    examples: [],
  },
  'damo report times',
);
