// DAMON kernel modules (damon_reclaim, damon_lru_sort, damon_stat, ...) and whether
// each is enabled, for `report damon` (spec/control.md §1.5).
import type { Fs } from './fs.ts';

export function damonModuleStates(fs: Fs): { name: string; on: boolean }[] {
  const out: { name: string; on: boolean }[] = [];
  for (const name of fs.list('/sys/module').filter((n) => n.startsWith('damon_') && !n.startsWith('damon_sample_')).sort()) {
    const p = `/sys/module/${name}/parameters`;
    const file = fs.isFile(`${p}/enabled`) ? `${p}/enabled` : fs.isFile(`${p}/enable`) ? `${p}/enable` : null;
    if (file === null) continue;
    out.push({ name, on: fs.read(file).trim() === 'Y' });
  }
  return out;
}
