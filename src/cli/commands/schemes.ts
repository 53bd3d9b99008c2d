// `damo schemes`: apply DAMOS schemes until interrupted.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const schemesCommand: CommandSpec = notBuilt(
  {
    name: 'schemes',
    summary: 'apply DAMOS schemes until interrupted',
    examples: [],
  },
  'damo schemes',
);
