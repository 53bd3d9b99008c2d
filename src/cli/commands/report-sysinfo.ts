// `damo report sysinfo`: show what this system offers DAMON.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportSysinfoCommand: CommandSpec = notBuilt(
  {
    name: 'sysinfo',
    summary: 'show what this system offers DAMON',
    examples: [],
  },
  'damo report sysinfo',
);
