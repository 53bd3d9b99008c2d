// `damo reclaim`: control the DAMON_RECLAIM kernel module.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reclaimCommand: CommandSpec = notBuilt(
  {
    name: 'reclaim',
    summary: 'control the DAMON_RECLAIM kernel module',
    examples: [],
  },
  'damo reclaim',
);
