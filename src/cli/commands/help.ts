// `damo help`: print help on option groups and format keywords.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const helpCommand: CommandSpec = notBuilt(
  {
    name: 'help',
    summary: 'print help on option groups and format keywords',
    examples: [],
  },
  'damo help',
);
