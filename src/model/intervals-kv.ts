// Monitoring intervals as upstream's to_kvpairs() writes them, in its key order: times
// with format_time_us, the goal's access ratio in bp, all '%d' when raw (spec/control.md §3,
// spec/records.md §3.3). Shared by record files, `report access --json` and kdamond trees.
import { toFloat } from '../base/py-num.ts';
import { formatBp, formatNr, formatTimeUs } from '../base/units.ts';
import type { Intervals } from './record.ts';

export function intervalsToKv(iv: Intervals, raw: boolean): { [key: string]: string | { [key: string]: string } } {
  return {
    sample_us: formatTimeUs(iv.sampleUs, raw),
    aggr_us: formatTimeUs(iv.aggrUs, raw),
    ops_update_us: formatTimeUs(iv.opsUpdateUs, raw),
    intervals_goal: {
      access_bp: formatBp(toFloat(iv.goal.accessBp), raw),
      aggrs: formatNr(iv.goal.aggrs, raw),
      min_sample_us: formatTimeUs(iv.goal.minSampleUs, raw),
      max_sample_us: formatTimeUs(iv.goal.maxSampleUs, raw),
    },
  };
}
