// Test helper: a DAMON sysfs tree emulating a 6.18 kernel inside a temp folder that
// stands in for /sys. Writing an nr_* file recreates the child directories with the
// kernel's defaults; `state` commands turn kdamonds on and off (EBUSY/EINVAL as the
// kernel returns them). Every write is logged as `W <path under admin/> <- '<v>'`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAMON_ADMIN, KDAMONDS_DIR, RootedFs, SysfsWriteError } from '../../src/kernel/fs.ts';

type Tree = { [name: string]: string | Tree };

const zeros = (...names: string[]): Tree => Object.fromEntries(names.map((n) => [n, '0']));

const TEMPLATES: Record<string, () => Tree> = {
  kdamond: () => ({ state: 'off', pid: '-1', refresh_ms: '0', contexts: { nr_contexts: '0' } }),
  context: () => ({
    avail_operations: 'vaddr\nfvaddr\npaddr',
    operations: 'vaddr',
    addr_unit: '1',
    monitoring_attrs: {
      intervals: {
        sample_us: '5000',
        aggr_us: '100000',
        update_us: '60000000',
        intervals_goal: zeros('access_bp', 'aggrs', 'min_sample_us', 'max_sample_us'),
      },
      nr_regions: { min: '10', max: '1000' },
    },
    targets: { nr_targets: '0' },
    schemes: { nr_schemes: '0' },
  }),
  target: () => ({ pid_target: '0', regions: { nr_regions: '0' } }),
  region: () => zeros('start', 'end'),
  scheme: () => ({
    action: 'stat',
    apply_interval_us: '0',
    target_nid: '-1',
    access_pattern: { sz: zeros('min', 'max'), nr_accesses: zeros('min', 'max'), age: zeros('min', 'max') },
    quotas: {
      ...zeros('ms', 'bytes', 'reset_interval_ms', 'effective_bytes'),
      weights: zeros('sz_permil', 'nr_accesses_permil', 'age_permil'),
      goals: { nr_goals: '0' },
    },
    watermarks: { metric: 'none', ...zeros('interval_us', 'high', 'mid', 'low') },
    filters: { nr_filters: '0' },
    core_filters: { nr_filters: '0' },
    ops_filters: { nr_filters: '0' },
    dests: { nr_dests: '0' },
    stats: zeros('nr_tried', 'sz_tried', 'nr_applied', 'sz_applied', 'sz_ops_filter_passed', 'qt_exceeds'),
    tried_regions: { total_bytes: '0' },
  }),
  goal: () => ({ target_metric: 'user_input', target_value: '0', current_value: '0', nid: '0' }),
  filter: () => ({
    type: 'anon',
    matching: 'N',
    allow: 'N',
    memcg_path: '',
    ...zeros('addr_start', 'addr_end', 'min', 'max', 'damon_target_idx'),
  }),
  dest: () => zeros('id', 'weight'),
};

const CHILD_OF: Record<string, string> = {
  nr_kdamonds: 'kdamond',
  nr_contexts: 'context',
  nr_targets: 'target',
  nr_regions: 'region',
  nr_schemes: 'scheme',
  nr_goals: 'goal',
  nr_filters: 'filter',
  nr_dests: 'dest',
};

function materialize(dir: string, tree: Tree): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, v] of Object.entries(tree)) {
    if (typeof v === 'string') writeFileSync(join(dir, name), `${v}\n`);
    else materialize(join(dir, name), v);
  }
}

export class FakeKernelFs extends RootedFs {
  readonly writes: string[] = [];
  nextPid = 4242;

  override write(path: string, value: string): void {
    this.writes.push(`W ${path.slice(DAMON_ADMIN.length + 1)} <- '${value}'`);
    const real = this.shown(path);
    const name = path.split('/').pop()!;
    const fail = (code: string, text: string) => {
      throw new SysfsWriteError(`writing ${value} to ${real} failed (${text})`);
    };
    if (!this.isFile(path)) fail('ENOENT', '[Errno 2] No such file or directory');
    if (name === 'state') return this.command(path, value.trim(), fail);
    if (name in CHILD_OF && !(name === 'nr_regions' && path.includes('/monitoring_attrs/'))) {
      if (name === 'nr_kdamonds' && this.anyRunning()) fail('EBUSY', '[Errno 16] Device or resource busy');
      const dir = real.slice(0, -name.length - 1);
      const old = Number(readFileSync(real, 'utf8'));
      for (let i = 0; i < old; i++) rmSync(join(dir, String(i)), { recursive: true, force: true });
      const n = Number(value);
      for (let i = 0; i < n; i++) materialize(join(dir, String(i)), TEMPLATES[CHILD_OF[name]]());
    }
    writeFileSync(real, `${value}\n`);
  }

  private anyRunning(): boolean {
    const n = Number(this.read(`${KDAMONDS_DIR}/nr_kdamonds`).trim());
    for (let i = 0; i < n; i++) if (this.read(`${KDAMONDS_DIR}/${i}/state`).trim() === 'on') return true;
    return false;
  }

  private command(path: string, cmd: string, fail: (code: string, text: string) => never): void {
    const dir = path.slice(0, -'/state'.length);
    const state = this.read(path).trim();
    const set = (s: string, pid: string) => {
      writeFileSync(this.shown(path), `${s}\n`);
      writeFileSync(this.shown(`${dir}/pid`), `${pid}\n`);
    };
    const inval = () => fail('EINVAL', '[Errno 22] Invalid argument');
    if (cmd === 'on') {
      if (state === 'on') fail('EBUSY', '[Errno 16] Device or resource busy');
      if (this.read(`${dir}/contexts/nr_contexts`).trim() !== '1') inval();
      set('on', String(this.nextPid++));
    } else if (cmd === 'off') {
      if (state !== 'on') inval();
      set('off', '-1');
    } else if (
      [
        'commit',
        'commit_schemes_quota_goals',
        'update_schemes_stats',
        'update_schemes_tried_bytes',
        'update_schemes_tried_regions',
        'clear_schemes_tried_regions',
        'update_schemes_effective_quotas',
        'update_tuned_intervals',
      ].includes(cmd)
    ) {
      if (state !== 'on') inval();
    } else inval();
  }
}

/** [start, end, nr_accesses, age] of a tried region the emulator reports. */
export type TriedRegion = [bigint, bigint, number, number];

/** The emulator, plus tried regions: `update_schemes_tried_regions` fills every scheme's with `tried`. */
export class TriedRegionsKernelFs extends FakeKernelFs {
  constructor(
    root: string,
    public tried: TriedRegion[],
  ) {
    super(root);
  }

  override write(path: string, value: string): void {
    super.write(path, value);
    if (!path.endsWith('/state') || value.trim() !== 'update_schemes_tried_regions') return;
    const kd = path.slice(0, -'/state'.length);
    const nc = Number(this.read(`${kd}/contexts/nr_contexts`).trim());
    for (let c = 0; c < nc; c++) {
      const ns = Number(this.read(`${kd}/contexts/${c}/schemes/nr_schemes`).trim());
      for (let sc = 0; sc < ns; sc++) this.fillTried(`${kd}/contexts/${c}/schemes/${sc}/tried_regions`);
    }
  }

  private fillTried(dir: string): void {
    const real = this.shown(dir);
    rmSync(real, { recursive: true, force: true });
    mkdirSync(real, { recursive: true });
    let total = 0n;
    this.tried.forEach(([st, e, n, a], i) => {
      mkdirSync(join(real, String(i)));
      for (const [f, v] of [['start', st], ['end', e], ['nr_accesses', n], ['age', a], ['sz_filter_passed', 0]] as const) {
        writeFileSync(join(real, String(i), f), `${v}\n`);
      }
      total += e - st;
    });
    writeFileSync(join(real, 'total_bytes'), `${total}\n`);
  }
}

export interface FakeKernel {
  root: string;
  fs: FakeKernelFs;
  /** The writes so far, then forgets them. */
  takeWrites(): string[];
}

/** A fresh 6.18-like tree (no kdamonds yet) in a new temp folder standing in for /sys. */
export function makeFakeKernel(): FakeKernel {
  const root = mkdtempSync(join(tmpdir(), 'damo-fake-sys-'));
  materialize(join(root, 'kernel/mm/damon/admin/kdamonds'), { nr_kdamonds: '0' });
  const fs = new FakeKernelFs(root);
  return {
    root,
    fs,
    takeWrites() {
      return fs.writes.splice(0);
    },
  };
}

/** A foreign kdamond, as the host's owner would have it: started without us. */
export function startForeignKdamond(k: FakeKernel): void {
  k.fs.write(`${KDAMONDS_DIR}/nr_kdamonds`, '1');
  k.fs.write(`${KDAMONDS_DIR}/0/contexts/nr_contexts`, '1');
  k.fs.write(`${KDAMONDS_DIR}/0/contexts/0/operations`, 'paddr');
  k.fs.write(`${KDAMONDS_DIR}/0/contexts/0/targets/nr_targets`, '1');
  k.fs.write(`${KDAMONDS_DIR}/0/state`, 'on');
  k.takeWrites();
}

/** The environment the CLI tests run damo in: the stand-in tree, a fresh state folder, 25 GiB of System RAM, a 6.18 kernel. */
export function cliEnvFor(k: FakeKernel): NodeJS.ProcessEnv {
  const iomem = join(k.root, 'iomem');
  writeFileSync(iomem, '00001000-0009fbff : System RAM\n00100000-63fffffff : System RAM\n');
  return {
    DAMO_SYSFS_ROOT: k.root,
    DAMO_STATE_DIR: mkdtempSync(join(tmpdir(), 'damo-state-')),
    DAMO_IOMEM: iomem,
    DAMO_KERNEL_RELEASE: '6.18.0',
    PATH: process.env.PATH,
  };
}

/** The DAMON parameter options of a pageout scheme the control tests start and tune. */
export const PAGEOUT_SCHEME = '--damos_action pageout --damos_access_rate 0% 0% --damos_age 5s max --damos_quotas 100ms 1G 1s';
