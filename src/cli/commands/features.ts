// `damo features`: list the DAMON features this kernel supports.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const featuresCommand: CommandSpec = notBuilt(
  {
    name: 'features',
    summary: 'list the DAMON features this kernel supports',
    examples: [],
  },
  'damo features',
);
