// `damo adjust`: rewrite a record with other aggregation intervals or filters.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const adjustCommand: CommandSpec = notBuilt(
  {
    name: 'adjust',
    summary: 'rewrite a record with other aggregation intervals or filters',
    examples: [],
  },
  'damo adjust',
);
