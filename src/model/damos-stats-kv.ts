// DAMOS statistics as upstream's to_kvpairs() writes them, in its key order: counts with
// format_nr, sizes with format_sz, both '%d' when raw (spec/records.md §3.3, spec/control.md §3).
// Shared by record files, `report access --json` and `report damon`.
import { formatNr, formatSz } from '../base/units.ts';
import type { DamosStats } from './record.ts';

export const DAMOS_STAT_FIELDS = [
  'nr_tried',
  'sz_tried',
  'nr_applied',
  'sz_applied',
  'sz_ops_filter_passed',
  'qt_exceeds',
  'nr_snapshots',
  'max_nr_snapshots',
] as const;
export type DamosStatField = (typeof DAMOS_STAT_FIELDS)[number];

export function damosStatsToKv(st: DamosStats, raw: boolean): Record<DamosStatField, string> {
  return {
    nr_tried: formatNr(st.nrTried, raw),
    sz_tried: formatSz(st.szTried, raw),
    nr_applied: formatNr(st.nrApplied, raw),
    sz_applied: formatSz(st.szApplied, raw),
    sz_ops_filter_passed: formatSz(st.szOpsFilterPassed, raw),
    qt_exceeds: formatNr(st.qtExceeds, raw),
    nr_snapshots: formatNr(st.nrSnapshots, raw),
    max_nr_snapshots: formatNr(st.maxNrSnapshots, raw),
  };
}
