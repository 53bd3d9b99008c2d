// `damo adjust`: rewrite a record with a longer aggregation interval and/or the
// record filters applied (spec/records.md §5, §10).
import { UserError } from '../../base/user-error.ts';
import { readRecordFile } from '../../formats/read-records.ts';
import { RECORD_FILE_FORMATS, type RecordFileFormat, writeRecordFile } from '../../formats/write-records.ts';
import { type RecordFilterArgs, filterRecords, recordFilterOptionsFromArgs } from '../../report/record-filters.ts';
import { adjustRecords } from '../../report/wss-aggregate.ts';
import type { CommandSpec, ParsedArgs } from '../option-table.ts';
import { recordFilterOptionSpecs } from './report-access.ts';
import { intOption } from './report-wss.ts';

/** An octal file mode as `chmod` takes it, e.g. '600'. */
export function parsePermission(text: string): number {
  if (!/^[0-7]{1,4}$/.test(text)) throw new UserError(`wrong --output_permission '${text}': give an octal mode such as 600`);
  return Number.parseInt(text, 8);
}

function optionalInt(args: ParsedArgs, dest: string, min: number): bigint | null {
  return args[dest] === null || args[dest] === undefined ? null : BigInt(intOption(args, dest, min));
}

export const adjustCommand: CommandSpec = {
  name: 'adjust',
  summary: 'rewrite a record with other aggregation intervals or filters',
  description:
    'Read a record, keep only what the record filters select, and write it to a new file. With --aggregate_interval, the first --skip snapshots of every record are dropped and the rest are merged into snapshots of that length (a region accessed in several of them adds up its accesses); a last window shorter than the interval is dropped.',
  examples: [
    'damo adjust --aggregate_interval 1000000  # 1-second snapshots into damon.adjusted.data',
    'damo adjust -i damon.data -o hot.data --access_rate 50 100 --skip 0 --aggregate_interval 500000',
    'damo adjust --address 0x7f0000000000 0x7f0010000000 --output_type json -o part.json',
  ],
  options: [
    { flags: ['--input', '-i'], metavar: '<file>', default: 'damon.data', help: 'record file to read' },
    { flags: ['--output', '-o'], metavar: '<file>', default: 'damon.adjusted.data', help: 'record file to write' },
    {
      flags: ['--output_type'],
      choices: RECORD_FILE_FORMATS,
      default: 'json_compressed',
      metavar: '<format>',
      help: 'format of the output',
    },
    {
      flags: ['--output_permission'],
      metavar: '<mode>',
      default: '600',
      help: 'file mode of the output, in octal',
    },
    {
      flags: ['--aggregate_interval'],
      value: { kind: 'int', min: 1 },
      metavar: '<microseconds>',
      help: 'merge snapshots into snapshots of this length',
    },
    {
      flags: ['--skip'],
      value: { kind: 'int', min: 0 },
      metavar: '<count>',
      default: '20',
      help: 'number of first snapshots of each record to drop before merging (only with --aggregate_interval)',
    },
    ...recordFilterOptionSpecs.map((o) => ({ ...o, hidden: false })),
  ],
  run: async (args) => {
    const mode = parsePermission(String(args.output_permission));
    const aggrUs = optionalInt(args, 'aggregate_interval', 1);
    const skip = intOption(args, 'skip', 0);
    const filters = recordFilterOptionsFromArgs(args as RecordFilterArgs);
    let records = filterRecords(await readRecordFile(String(args.input)), filters);
    if (aggrUs !== null) records = adjustRecords(records, aggrUs, skip);
    await writeRecordFile(String(args.output), records, args.output_type as RecordFileFormat, { mode });
  },
};
