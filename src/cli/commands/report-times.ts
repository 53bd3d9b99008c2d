// `damo report times`: show the times when the record's snapshots matched the record
// filters, e.g. to feed `perf report --time` (spec/reports.md §12).
import { readRecordFile } from '../../formats/read-records.ts';
import { type RecordFilterArgs, filterRecords, recordFilterOptionsFromArgs } from '../../report/record-filters.ts';
import { formatTimeSpans, snapshotTimeSpans } from '../../report/times.ts';
import type { CommandSpec } from '../option-table.ts';
import { recordFilterOptionSpecs } from './report-access.ts';

export const reportTimesCommand: CommandSpec = {
  name: 'times',
  summary: 'show the time ranges of a record that match given conditions',
  description:
    'Apply the record filters (region size, access rate, age, address, snapshot size, time, index and temperature) and show the time ranges, in seconds, of the snapshots that still have regions; back-to-back snapshots make one range.',
  examples: [
    'damo report times --access_rate 50 100  # when some region was accessed at 50 % or more',
    'damo report times --address 0x7f0000000000 0x7f0010000000 --age 5s max',
  ],
  options: [
    {
      flags: ['--inputs'],
      nargs: 2,
      metavar: ['<access record>', '<profile>'],
      default: ['damon.data', 'damon.data.profile'],
      help: 'access record to read (the profile file is accepted for upstream compatibility and not used)',
    },
    ...recordFilterOptionSpecs.map((o) => ({ ...o, hidden: false })),
  ],
  run: async (args, ctx) => {
    const filters = recordFilterOptionsFromArgs(args as RecordFilterArgs);
    const records = filterRecords(await readRecordFile((args.inputs as string[])[0]), filters);
    const text = formatTimeSpans(snapshotTimeSpans(records));
    if (text) ctx.out(text);
  },
};
