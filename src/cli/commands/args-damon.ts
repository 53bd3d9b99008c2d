// `damo args damon`: print the DAMON parameters that the given options describe.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const argsDamonCommand: CommandSpec = notBuilt(
  {
    name: 'damon',
    summary: 'print the DAMON parameters (kdamonds JSON/YAML) the given options describe',
    examples: [],
  },
  'damo args damon',
);
