// `damo convert_record_format`: convert a record file to another format.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const convertRecordFormatCommand: CommandSpec = notBuilt(
  {
    name: 'convert_record_format',
    summary: 'convert a record file to another format',
    examples: [],
  },
  'damo convert_record_format',
);
