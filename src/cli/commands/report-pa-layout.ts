// `damo report pa_layout`: show the layout of physical memory.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportPaLayoutCommand: CommandSpec = notBuilt(
  {
    name: 'pa_layout',
    summary: 'show the layout of physical memory',
    examples: [],
  },
  'damo report pa_layout',
);
