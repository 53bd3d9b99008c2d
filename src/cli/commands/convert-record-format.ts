// `damo convert_record_format`: write a record file again in another format,
// in place unless an output file is given (spec/records.md §6).
import { existsSync } from 'node:fs';
import { UserError } from '../../base/user-error.ts';
import { readRecordFile } from '../../formats/read-records.ts';
import { RECORD_FILE_FORMATS, type RecordFileFormat, writeRecordFile } from '../../formats/write-records.ts';
import type { CommandSpec } from '../option-table.ts';

export const convertRecordFormatCommand: CommandSpec = {
  name: 'convert_record_format',
  summary: 'write a record file again in another format',
  description:
    'Read a record file of any format damo reads (json_compressed, json, perf script text, perf.data, the old binary format) and write it in the given format: over the input file itself unless --output_file is given. An overwritten file keeps its permissions.',
  examples: [
    'damo convert_record_format --format json  # damon.data becomes plain JSON, in place',
    'damo convert_record_format --record_file perf.data --format json_compressed --output_file damon.data',
  ],
  options: [
    { flags: ['--record_file'], metavar: '<file>', default: 'damon.data', help: 'record file to convert' },
    {
      flags: ['--format'],
      choices: RECORD_FILE_FORMATS,
      default: 'json_compressed',
      metavar: '<format>',
      help: 'format to write',
    },
    {
      flags: ['--output_file'],
      metavar: '<file>',
      help: 'file to write (default: the input file, replaced)',
    },
  ],
  run: async (args) => {
    const input = String(args.record_file);
    if (!existsSync(input)) throw new UserError(`record file (${input}) does not exist`);
    const output = args.output_file === null || args.output_file === undefined ? input : String(args.output_file);
    const records = await readRecordFile(input);
    await writeRecordFile(output, records, args.format as RecordFileFormat);
  },
};
