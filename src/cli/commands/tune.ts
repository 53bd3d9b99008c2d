// `damo tune`: change the parameters of a running DAMON without stopping it.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const tuneCommand: CommandSpec = notBuilt(
  {
    name: 'tune',
    summary: 'change the parameters of a running DAMON without stopping it',
    examples: [],
  },
  'damo tune',
);
