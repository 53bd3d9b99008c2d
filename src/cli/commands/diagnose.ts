// `damo diagnose`: collect information to tell whether DAMON works well.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const diagnoseCommand: CommandSpec = notBuilt(
  {
    name: 'diagnose',
    summary: 'collect information to tell whether DAMON works well',
    examples: [],
  },
  'damo diagnose',
);
