// `damo start`: start DAMON for a target, with the given monitoring and DAMOS parameters.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const startCommand: CommandSpec = notBuilt(
  {
    name: 'start',
    summary: 'start DAMON for a target, with the given monitoring and DAMOS parameters',
    examples: [],
  },
  'damo start',
);
