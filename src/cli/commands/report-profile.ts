// `damo report profile`: show the CPU profile of the times a given access pattern was seen.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportProfileCommand: CommandSpec = notBuilt(
  {
    name: 'profile',
    summary: 'show the CPU profile of the times a given access pattern was seen',
    examples: [],
  },
  'damo report profile',
);
