// Distributions of byte counts (wss, footprints) as text: the shared percentile
// printer (spec/reports.md §3) with sizes in upstream's units, or plain bytes.
import { formatSz } from '../base/units.ts';
import { formatDistribution } from './distribution.ts';

export interface SizeDistributionFormat {
  percentiles: number[];
  /** Plain byte counts instead of human-readable sizes. */
  raw: boolean;
  nrColsBar: number;
  /** One `idx value` line per value instead of percentiles. */
  printAll: boolean;
}

/** The distribution text of one metric, ending with a newline. */
export function formatSizeDistribution(values: readonly bigint[], metric: string, fmt: SizeDistributionFormat): string {
  return `${formatDistribution(values, {
    metric,
    percentiles: fmt.percentiles,
    printAll: fmt.printAll,
    format: (v) => formatSz(v, fmt.raw),
    nrColsBar: fmt.nrColsBar,
  })}\n`;
}
