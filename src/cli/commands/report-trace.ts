// `damo report trace`: show the DAMON trace events of a record.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportTraceCommand: CommandSpec = notBuilt(
  {
    name: 'trace',
    summary: 'show the DAMON trace events of a record',
    examples: [],
  },
  'damo report trace',
);
