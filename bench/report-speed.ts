// Times reports on a big synthetic record: `report access --raw_form`, `report heatmap
// --output raw` and `report wss`, with peak memory, and the same commands of another damo
// (DAMO_REFERENCE, e.g. "python3 /path/to/upstream/damo") with the ratio.
// Run: node --import tsx bench/report-speed.ts [--snapshots 1000] [--regions 1000]
//        [--json-mb N (size of the record's JSON; overrides --snapshots)] [--dir /tmp]
//        [--format json_compressed|json] [--only access|heatmap|wss]
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeRecordFile } from '../src/formats/write-records.ts';
import { JSON_BYTES_PER_REGION, lazySyntheticRecord } from './synthetic-record.ts';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const nrRegions = Number(option('regions', '1000'));
const jsonMb = option('json-mb', '');
const nrSnapshots = jsonMb ? Math.ceil((Number(jsonMb) * 1e6) / (nrRegions * JSON_BYTES_PER_REGION)) : Number(option('snapshots', '1000'));
const format = option('format', 'json_compressed') as 'json_compressed' | 'json';
const dir = option('dir', '/tmp');
const only = option('only', '');
const root = resolve(new URL('..', import.meta.url).pathname);
const record = join(dir, `damo-bench-${nrSnapshots}x${nrRegions}.${format === 'json' ? 'json' : 'jsonz'}`);

if (!existsSync(record)) {
  const t0 = Date.now();
  await writeRecordFile(record, [lazySyntheticRecord(nrSnapshots, nrRegions)], format);
  console.log(`wrote ${record} (${(statSync(record).size / 1e6).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
console.log(`record: ${nrSnapshots} snapshots x ${nrRegions} regions, ${format}, ${(statSync(record).size / 1e6).toFixed(1)} MB on disk`);

const haveTime = existsSync('/usr/bin/time');

/**
 * Runs a shell command with stdout to /dev/null: wall seconds, CPU seconds (user +
 * system, steadier than wall time on a busy machine) and peak RSS in MB, if measurable.
 */
function measure(command: string): { secs: number; cpu: number | null; rssMb: number | null; ok: boolean; err: string } {
  const wrapped = haveTime ? `/usr/bin/time -f 'PEAK_RSS_KB %M CPU %U %S' ${command} > /dev/null` : `${command} > /dev/null`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', wrapped], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /PEAK_RSS_KB (\d+) CPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  const cpu = m ? Number(m[2]) + Number(m[3]) : null;
  return { secs, cpu, rssMb: m ? Number(m[1]) / 1024 : null, ok: r.status === 0, err: (r.stderr ?? '').split('\n')[0] };
}

const reports: [string, string][] = [
  ['access', 'report access --raw_form'],
  ['heatmap', 'report heatmap --output raw'],
  ['wss', 'report wss'],
];
const reference = process.env.DAMO_REFERENCE;
for (const [name, args] of reports) {
  if (only && only !== name) continue;
  const ours = measure(`${join(root, 'damo')} ${args} -i ${record}`);
  const rss = (m: { rssMb: number | null }) => (m.rssMb === null ? 'n/a' : `${m.rssMb.toFixed(0)} MB`);
  const cpu = (m: { cpu: number | null }) => (m.cpu === null ? '' : ` (cpu ${m.cpu.toFixed(2)} s)`);
  let line = `${args.padEnd(30)} ours ${ours.secs.toFixed(2)} s${cpu(ours)}, peak ${rss(ours)}${ours.ok ? '' : ` FAILED: ${ours.err}`}`;
  if (reference) {
    const ref = measure(`${reference} ${args} -i ${record}`);
    line += ` | reference ${ref.secs.toFixed(2)} s${cpu(ref)}, peak ${rss(ref)}${ref.ok ? '' : ` FAILED: ${ref.err}`}`;
    if (ours.ok && ref.ok) line += ` | ours is ${(ref.secs / ours.secs).toFixed(2)}x faster`;
  }
  console.log(line);
}
if (!reference) console.log('(set DAMO_REFERENCE to another damo command to compare against it)');
