// `damo report access`: show access-pattern snapshots of a record or of running DAMON.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportAccessCommand: CommandSpec = notBuilt(
  {
    name: 'access',
    summary: 'show access-pattern snapshots of a record or of running DAMON',
    examples: [],
  },
  'damo report access',
);
