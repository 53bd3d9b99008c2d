// `damo report record_info`: show what a record file holds: targets, times and the
// contiguous address ranges monitored (spec/records.md §8, spec/reports.md §8).
import { streamRecordFile } from '../../formats/read-records.ts';
import { GuideCollector } from '../../report/heatmap/guide.ts';
import { formatGuideEntries } from '../../report/record-info.ts';
import type { CommandSpec } from '../option-table.ts';

export const reportRecordInfoCommand: CommandSpec = {
  name: 'record_info',
  summary: 'show what a record file holds: targets, times, address ranges',
  description:
    'For every kdamond, context, scheme and target in the records, show the time span covered and the contiguous address ranges that were monitored, largest first.',
  examples: [
    'damo report record_info',
    'damo report record_info -i damon.data damon.data.2 --raw_numbers  # two files, plain numbers',
  ],
  options: [
    {
      flags: ['--input', '-i'],
      nargs: '+',
      metavar: '<file>',
      default: ['damon.data'],
      help: 'record files to read (their records are shown together)',
    },
    { flags: ['--raw_numbers'], kind: 'flag', help: 'print plain numbers instead of human-readable sizes and times' },
  ],
  run: async (args, ctx) => {
    // one pass, one snapshot at a time: a guide needs nothing from earlier snapshots
    const guides = new GuideCollector();
    for (const file of args.input as string[]) {
      await streamRecordFile(file, {
        onRecordStart: (r) => guides.addRecord(r),
        onSnapshot: (r, s) => guides.addSnapshot(r, s),
      });
    }
    const text = formatGuideEntries(guides.entries(), args.raw_numbers as boolean);
    if (text) ctx.out(text);
  },
};
