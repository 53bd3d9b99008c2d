// `damo replay`: replay the accesses of a record file on this machine.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const replayCommand: CommandSpec = notBuilt(
  {
    name: 'replay',
    summary: 'replay the accesses of a record file on this machine',
    examples: [],
  },
  'damo replay',
);
