// `damo lru_sort`: control the DAMON_LRU_SORT kernel module.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const lruSortCommand: CommandSpec = notBuilt(
  {
    name: 'lru_sort',
    summary: 'control the DAMON_LRU_SORT kernel module',
    examples: [],
  },
  'damo lru_sort',
);
