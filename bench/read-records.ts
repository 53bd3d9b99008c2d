// Record reading speed and memory: writes a synthetic "wide" record (random regions over
// 64 GiB, like spec/records.md §11.2's) with our writer, then times reading it in child
// processes (whole, and snapshot-at-a-time) and reports their peak RSS. With a size over
// ~512 MB of JSON it also shows that records larger than one V8 string read.
// Run: node --import tsx bench/read-records.ts [snapshots=300] [regions=1000] [dir=/tmp]
// CPU time is the figure to compare on a shared machine (wall time includes waiting).
//   upstream (Python) for the 300x1000 record (164 MB json): 5.3 s parse, 610 MB RSS
//   ours, first measured (2 vCPU, loaded): json 2.5 s cpu / 131 MB, jsonz 2.7 s / 112 MB
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readRecordFile, streamRecordFile } from '../src/formats/read-records.ts';
import { writeRecordFile } from '../src/formats/write-records.ts';
import { lazySyntheticRecord } from './synthetic-record.ts';

const [mode, a1, a2, a3] = process.argv.slice(2);

function timed(label: string, args: string[]): void {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, ...args], { encoding: 'utf8' });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
  console.log(`${label.padEnd(24)} wall ${secs.toFixed(2)} s, ${r.stdout.trim()}`);
}

if (mode === 'read' || mode === 'stream') {
  let regions = 0;
  let snapshots = 0;
  if (mode === 'read') {
    for (const r of await readRecordFile(a1)) for (const s of r.snapshots) regions += s.regions.length, snapshots++;
  } else {
    await streamRecordFile(a1, { onSnapshot: (_r, s) => ((regions += s.regions.length), snapshots++) });
  }
  const ru = process.resourceUsage();
  const cpu = (ru.userCPUTime + ru.systemCPUTime) / 1e6;
  console.log(`cpu ${cpu.toFixed(2)} s, peak RSS ${(ru.maxRSS / 1024).toFixed(0)} MB (${snapshots} snapshots, ${regions} regions)`);
} else {
  const nrSnapshots = Number(mode ?? 300);
  const nrRegions = Number(a1 ?? 1000);
  const dir = a2 ?? '/tmp';
  void a3;
  const rec = lazySyntheticRecord(nrSnapshots, nrRegions);
  for (const [format, ext] of [['json', 'json'], ['json_compressed', 'jsonz'], ['perf_script', 'perfscript']] as const) {
    const path = join(dir, `damo-bench-${nrSnapshots}x${nrRegions}.${ext}`);
    const t0 = process.hrtime.bigint();
    await writeRecordFile(path, [rec], format);
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`write ${format.padEnd(16)} ${(statSync(path).size / 1e6).toFixed(1)} MB in ${secs.toFixed(2)} s`);
    timed(`read whole ${ext}`, ['read', path]);
    timed(`stream ${ext}`, ['stream', path]);
  }
}
