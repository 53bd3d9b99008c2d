// `damo monitor`: record and report a target repeatedly.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const monitorCommand: CommandSpec = notBuilt(
  {
    name: 'monitor',
    summary: 'record and report a target repeatedly',
    examples: [],
  },
  'damo monitor',
);
