// `damo module`: read or write the parameters of DAMON kernel modules.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const moduleCommand: CommandSpec = notBuilt(
  {
    name: 'module',
    summary: 'read or write the parameters of DAMON kernel modules',
    examples: [],
  },
  'damo module',
);
