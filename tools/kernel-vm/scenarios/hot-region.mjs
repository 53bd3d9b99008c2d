// Reads `damo report access --json` output and succeeds when some region overlapping
// [start, end) had accesses (nr_accesses.samples > 0), printing it. Numbers in that
// JSON may be human-formatted ("4,096"): spec/reports.md §6.11.
import { readFileSync } from 'node:fs';

const [file, start, end] = process.argv.slice(2);
const num = (v) => BigInt(String(v).replace(/,/g, ''));
const lo = BigInt(start);
const hi = BigInt(end);
const records = JSON.parse(readFileSync(file, 'utf8'));
let nrRegions = 0;
for (const rec of records) {
  for (const snap of rec.snapshots ?? []) {
    for (const reg of snap.regions ?? []) {
      nrRegions++;
      const s = num(reg.start);
      const e = num(reg.end);
      const samples = Number(String(reg.nr_accesses?.samples ?? 0).replace(/,/g, ''));
      if (e > lo && s < hi && samples > 0) {
        console.log(`[${s}, ${e}) nr_accesses ${samples}`);
        process.exit(0);
      }
    }
  }
}
console.log(`no accessed region among ${nrRegions} overlapping the workload`);
process.exit(1);
