// `damo record`: record the access pattern (and more) of a target into a file.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const recordCommand: CommandSpec = notBuilt(
  {
    name: 'record',
    summary: 'record the access pattern (and more) of a target into a file',
    examples: [],
  },
  'damo record',
);
