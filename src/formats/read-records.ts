// Reading record files of every format upstream damo reads, told apart by content
// (spec/records.md §3). PLACEHOLDER API: the formats work fills this in.
import { UserError } from '../base/user-error.ts';
import type { DamonRecord } from '../model/record.ts';

/** Reads one record file; errors name the file and what is wrong. */
export async function readRecordFile(path: string): Promise<DamonRecord[]> {
  throw new UserError(`cannot read ${path}: record readers are not built yet`);
}

/** Reads several files and concatenates their records, as upstream's --input does. */
export async function readRecordFiles(paths: string[]): Promise<DamonRecord[]> {
  const all: DamonRecord[] = [];
  for (const p of paths) all.push(...(await readRecordFile(p)));
  return all;
}
