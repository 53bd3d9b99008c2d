// `damo report record_info`: show what a record file holds: targets, times, address ranges.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportRecordInfoCommand: CommandSpec = notBuilt(
  {
    name: 'record_info',
    summary: 'show what a record file holds: targets, times, address ranges',
    examples: [],
  },
  'damo report record_info',
);
