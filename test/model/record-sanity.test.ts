// Records the kernel could never produce are refused by every reader, naming the file
// and snapshot, and `damo validate` names them too (issue 15).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { runDamo } from '../cli/run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'damo-sanity-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type Json = Record<string, unknown>;

function region(start: unknown, end: unknown, samples: unknown = 3): Json {
  return { start, end, nr_accesses: { samples, percent: null }, age: { usec: null, aggr_intervals: 2 }, probe_hits: [], sz_filter_passed: null };
}

function goodRecord(): Json {
  const snapshots = [0, 1, 2].map((i) => ({
    start_time: String(i * 100000000),
    end_time: String((i + 1) * 100000000),
    regions: [region('4096', '8192', 1), region('8192', '1,048,576', 5), region('1,048,576', '2,097,152', 0)],
  }));
  return {
    kdamond_idx: 0,
    context_idx: 0,
    intervals: { sample_us: '5000', aggr_us: '100000', ops_update_us: '1000000' },
    scheme_idx: null,
    target_id: 0,
    scheme_filters: [],
    snapshots,
  };
}

let n = 0;
function write(rec: Json, compressed = false): string {
  const path = join(dir, `r${n++}.data`);
  const text = JSON.stringify([rec]);
  writeFileSync(path, compressed ? deflateSync(text) : text);
  return path;
}

type Mutation = (r: Json) => void;
const snap = (r: Json, i: number) => (r.snapshots as Json[])[i];
const reg = (r: Json, s: number, i: number) => (snap(r, s).regions as Json[])[i];

// The optional fourth item is validate's message where upstream's own check words it first.
const BAD: [string, Mutation, RegExp, RegExp?][] = [
  ['fractional samples', (r) => ((reg(r, 1, 1).nr_accesses as Json).samples = 1.5), /snapshot 1: region 1 .*samples is 1.5/],
  ['huge samples', (r) => ((reg(r, 0, 0).nr_accesses as Json).samples = 1e308), /snapshot 0: .*samples/],
  ['NaN samples', (r) => ((reg(r, 2, 0).nr_accesses as Json).samples = 'NaN'), /snapshots\[2\]\.regions\[0\]\.nr_accesses\.samples: cannot read the text 'NaN' as a number/],
  ['1e400 samples', (r) => ((reg(r, 0, 2).nr_accesses as Json).samples = '1e400'), /snapshots\[0\]\.regions\[2\]\.nr_accesses\.samples: cannot read the text '1e400'/],
  ['negative samples', (r) => ((reg(r, 0, 2).nr_accesses as Json).samples = -4), /samples is -4/],
  ['start after end', (r) => Object.assign(reg(r, 1, 0), { start: '9000', end: '8192' }), /snapshot 1: region 0 .*ends before it starts/, /: wrong region \[9000, 8192\)$/],
  ['overlapping regions', (r) => ((snap(r, 0).regions as Json[])[1] = region('4096', '8192')), /snapshot 0: region 1 .*overlaps/],
  ['end of 1e29', (r) => (reg(r, 2, 2).end = 1e29), /snapshot 2: region 2 .*outside the address space/],
  ['swapped snapshot times', (r) => Object.assign(snap(r, 1), { start_time: '200000000', end_time: '100000000' }), /snapshot 1: it ends .* before it starts/],
  ['snapshots out of order', (r) => (snap(r, 2).start_time = '0'), /snapshot 2: it starts .* before the snapshot ahead/],
  ['negative aggr_us', (r) => ((r.intervals as Json).aggr_us = '-100000'), /record 0: the intervals' aggr_us is -100000/],
  ['zero aggr_us', (r) => ((r.intervals as Json).aggr_us = 0), /aggr_us is 0, not a positive time/],
  ['zero sample_us', (r) => ((r.intervals as Json).sample_us = '0'), /sample_us is 0/],
];

describe('record sanity checks', () => {
  it('a good record passes every report and validate', async () => {
    const path = write(goodRecord());
    for (const argv of [['report', 'access', '-i', path], ['report', 'heatmap', '-i', path], ['report', 'wss', '-i', path], ['validate', '-i', path]]) {
      const r = await runDamo(argv);
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.err}`);
    }
  });
  for (const [name, mutate, message, validateMessage] of BAD) {
    it(`refuses ${name} in every report and in validate`, async () => {
      const rec = goodRecord();
      mutate(rec);
      for (const compressed of [false, true]) {
        const path = write(rec, compressed);
        for (const argv of [
          ['report', 'access', '-i', path],
          ['report', 'heatmap', '-i', path],
          ['report', 'wss', '-i', path],
          ['report', 'nr_regions', '-i', path],
          ['validate', '-i', path],
        ]) {
          const r = await runDamo(argv);
          assert.equal(r.code, 1, `${argv.join(' ')}: exit ${r.code}, ${r.err}`);
          assert.equal(r.out, '');
          const line = r.err.trim();
          assert.ok(!line.includes('\n'), `${argv.join(' ')}: one line, got ${line}`);
          assert.match(line, argv[0] === 'validate' ? (validateMessage ?? message) : message, argv.join(' '));
          if (argv[0] === 'report') assert.ok(line.includes(path), `${argv.join(' ')} names the file: ${line}`);
          assert.doesNotMatch(line, /internal error/);
        }
      }
    });
  }
});
