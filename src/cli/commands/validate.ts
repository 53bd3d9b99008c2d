// `damo validate`: check that a record file is well formed and plausible.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const validateCommand: CommandSpec = notBuilt(
  {
    name: 'validate',
    summary: 'check that a record file is well formed and plausible',
    examples: [],
  },
  'damo validate',
);
