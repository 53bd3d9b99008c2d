// `damo stop`: stop the DAMON that this damo started.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const stopCommand: CommandSpec = notBuilt(
  {
    name: 'stop',
    summary: 'stop the DAMON that this damo started',
    examples: [],
  },
  'damo stop',
);
