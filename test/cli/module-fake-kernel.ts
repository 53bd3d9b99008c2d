// Test helper: a folder standing in for /sys with DAMON module parameter files, and an Fs
// that reacts to writes as the modules do: `enabled` Y starts a kdamond (kdamond_pid), N
// stops it, `commit_inputs` Y is consumed (reads N again) while the module runs.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RootedFs } from '../../src/kernel/fs.ts';

export const RECLAIM_DEFAULTS: Record<string, string> = {
  enabled: 'N',
  commit_inputs: 'N',
  min_age: '120000000',
  quota_ms: '10',
  quota_sz: '134217728',
  quota_reset_interval_ms: '1000',
  wmarks_interval: '5000000',
  wmarks_high: '500',
  wmarks_mid: '400',
  wmarks_low: '200',
  sample_interval: '5000',
  aggr_interval: '100000',
  min_nr_regions: '10',
  max_nr_regions: '1000',
  monitor_region_start: '0',
  monitor_region_end: '0',
  skip_anon: 'N',
  kdamond_pid: '-1',
  nr_reclaim_tried_regions: '0',
  bytes_reclaim_tried_regions: '0',
  nr_reclaimed_regions: '0',
  bytes_reclaimed_regions: '0',
  nr_quota_exceeds: '0',
};

export const LRU_SORT_DEFAULTS: Record<string, string> = {
  enabled: 'N',
  commit_inputs: 'N',
  hot_thres_access_freq: '500',
  cold_min_age: '120000000',
  quota_ms: '10',
  quota_reset_interval_ms: '1000',
  wmarks_interval: '5000000',
  wmarks_high: '200',
  wmarks_mid: '150',
  wmarks_low: '50',
  sample_interval: '5000',
  aggr_interval: '100000',
  min_nr_regions: '10',
  max_nr_regions: '1000',
  monitor_region_start: '0',
  monitor_region_end: '0',
  kdamond_pid: '-1',
};

export const STAT_DEFAULTS: Record<string, string> = {
  enabled: 'N',
  estimated_memory_bandwidth: '0',
  memory_idle_ms_percentiles: '0,0,0',
  aggr_interval_us: '0',
};

export function makeModuleTree(modules: Record<string, Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'damo-fake-modules-'));
  for (const [m, params] of Object.entries(modules)) {
    const dir = join(root, 'module', `damon_${m}`, 'parameters');
    mkdirSync(dir, { recursive: true });
    for (const [k, v] of Object.entries(params)) writeFileSync(join(dir, k), `${v}\n`);
  }
  mkdirSync(join(root, 'module', 'zswap', 'parameters'), { recursive: true });
  return root;
}

/** Module behaviour; `stuck` modules ignore the switch and never consume commit_inputs. */
export class FakeModuleFs extends RootedFs {
  readonly writes: string[] = [];
  nextPid = 700;
  constructor(
    root: string,
    readonly stuck = false,
  ) {
    super(root);
  }
  override write(path: string, value: string): void {
    this.writes.push(`${path.replace(/^\/sys\/module\//, '')} <- ${value}`);
    super.write(path, value);
    if (this.stuck) return;
    const dir = path.slice(0, path.lastIndexOf('/'));
    const name = path.slice(path.lastIndexOf('/') + 1);
    const has = (p: string) => this.isFile(`${dir}/${p}`);
    if (name === 'enabled' && has('kdamond_pid')) {
      super.write(`${dir}/kdamond_pid`, value.trim() === 'Y' ? String(this.nextPid++) : '-1');
    }
    if (name === 'commit_inputs' && value.trim() === 'Y' && this.read(`${dir}/enabled`).trim() === 'Y') super.write(path, 'N');
  }
}
