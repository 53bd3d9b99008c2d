// How a DAMOS filter carried in a record is named in reports (`<filters passed
// type>`; spec/reports.md §6.3): allow/reject, 'none' when not matching, the type,
// then the type's argument.
import { formatAddrRange, formatSz } from '../../base/units.ts';
import { type DamonRecord, type DamosFilter, OPS_FILTER_TYPES } from '../../model/record.ts';

export function damosFilterText(f: DamosFilter, raw: boolean): string {
  const words = [f.allow ? 'allow' : 'reject'];
  if (!f.matching) words.push('none');
  words.push(f.filterType);
  if (f.filterType === 'memcg') words.push(f.memcgPath ?? 'None');
  else if (f.filterType === 'addr' && f.addressRange) {
    words.push(formatAddrRange(f.addressRange.start, f.addressRange.end, raw));
  } else if (f.filterType === 'target') words.push(`${f.damonTargetIdx ?? 'None'}`);
  else if (f.filterType === 'hugepage_size' && f.hugepageSize) {
    words.push(`[${formatSz(f.hugepageSize[0], raw)}, ${formatSz(f.hugepageSize[1], raw)}]`);
  }
  return words.join(' ');
}

export function opsFilters(record: DamonRecord): DamosFilter[] {
  return record.schemeFilters.filter((f) => OPS_FILTER_TYPES.has(f.filterType));
}

/** The ops-layer filters of a record, comma separated, or 'n/a'. */
export function opsFiltersText(record: DamonRecord, raw: boolean): string {
  const filters = opsFilters(record);
  return filters.length === 0 ? 'n/a' : filters.map((f) => damosFilterText(f, raw)).join(', ');
}
