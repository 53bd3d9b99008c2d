// The heatmap's pixel grid for one address range: rows are time slots, columns
// address slots, each pixel the access frequency averaged over its time x space
// area (spec/reports.md §7.4). Snapshots are added one at a time, in record order,
// so a streaming reader can feed it. Arithmetic keeps Python's int/float kinds
// because `--output raw` prints the exact floats.
import { type PyNum, pyAdd, pyCompare, pyInt, pyMul, pySub } from '../../base/py-num.ts';
import { UserError } from '../../base/user-error.ts';
import type { DamonRecord, Snapshot } from '../../model/record.ts';
import { pyFloorDiv, pyMax, pyMin, pyTrueDiv } from './py-ops.ts';
import { regionAgeAggrs, regionSamples, snapshotAggrUs } from './region-values.ts';

export interface GridParams {
  timeRange: [PyNum, PyNum];
  addrRange: [bigint, bigint];
  rows: number;
  cols: number;
  /** Count only the bytes that passed the DAMOS filters (page level monitoring). */
  dfPassed: boolean;
}

export class HeatGrid {
  readonly rows: number;
  readonly cols: number;
  readonly timeStart: PyNum;
  readonly addrStart: bigint;
  /** Time per row (ns) and bytes per column, as Python's floor division gives them. */
  readonly timeUnit: PyNum;
  readonly addrUnit: bigint;
  /** Start time of each row and start address of each column. */
  readonly rowTimes: bigint[];
  readonly colAddrs: bigint[];
  /** Row-major heats; NaN where nothing was observed. */
  readonly heats: Float64Array;
  private readonly space: PyNum;
  private readonly addrLimit: bigint;
  private lastEnd: PyNum | null = null;

  constructor(private readonly params: GridParams) {
    const { timeRange, addrRange, rows, cols } = params;
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
      throw new UserError(`--resol needs two positive integers (rows of time, columns of space), not ${rows} ${cols}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.timeStart = timeRange[0];
    this.addrStart = addrRange[0];
    this.timeUnit = pyFloorDiv(pySub(timeRange[1], timeRange[0]), BigInt(rows));
    this.addrUnit = pyFloorDiv(addrRange[1] - addrRange[0], BigInt(cols)) as bigint;
    if (pyCompare(this.timeUnit, 0n) <= 0) {
      throw new UserError(`the time range is shorter than ${rows} ns, too short for ${rows} rows; lower --resol`);
    }
    if (this.addrUnit <= 0n) {
      throw new UserError(`the address range is smaller than ${cols} bytes, too small for ${cols} columns; lower --resol`);
    }
    this.rowTimes = Array.from({ length: rows }, (_, i) => pyInt(pyAdd(this.timeStart, pyMul(BigInt(i), this.timeUnit))));
    this.colAddrs = Array.from({ length: cols }, (_, j) => this.addrStart + BigInt(j) * this.addrUnit);
    this.heats = new Float64Array(rows * cols).fill(NaN);
    this.space = pyMul(this.timeUnit, this.addrUnit);
    this.addrLimit = this.addrStart + this.addrUnit * BigInt(cols);
  }

  /** The end of the drawn time span: start + rows * time unit. */
  get timeEnd(): PyNum {
    return pyAdd(this.timeStart, pyMul(this.timeUnit, BigInt(this.rows)));
  }

  get addrEnd(): bigint {
    return this.addrLimit;
  }

  addSnapshot(record: DamonRecord, snapshot: Snapshot): void {
    const intervals = record.intervals;
    const { timeStart, timeUnit, addrStart, addrUnit, rows, cols } = this;
    const hzDivisor = intervals ? pyTrueDiv(snapshotAggrUs(snapshot, intervals), 1e6) : null;
    for (const region of snapshot.regions) {
      if (region.end < addrStart || this.addrLimit < region.start) continue;
      // The region is taken to have kept its frequency for its whole age.
      let observed: PyNum = snapshot.startTime;
      if (intervals) {
        const back = pyMul(pyMul(regionAgeAggrs(region, intervals), intervals.aggrUs), 1000n);
        observed = pySub(snapshot.startTime, back);
      }
      let rowFrom = observed;
      if (this.lastEnd !== null && pyCompare(observed, this.lastEnd) < 0) rowFrom = this.lastEnd;
      // Floor (not upstream's truncation) so a snapshot ending before the range adds nothing.
      const rowFirst = Math.max(Math.floor(pyTrueDiv(pySub(rowFrom, timeStart), timeUnit)), 0);
      const rowLast = Math.min(Math.floor(pyTrueDiv(pySub(snapshot.endTime, timeStart), timeUnit)), rows - 1);
      const colFirst = Math.max(Math.trunc(pyTrueDiv(region.start - addrStart, addrUnit)), 0);
      const colLast = Math.min(Math.trunc(pyTrueDiv(region.end - addrStart, addrUnit)), cols - 1);
      if (rowFirst > rowLast || colFirst > colLast) continue;

      const samples = regionSamples(region, intervals);
      let hv: PyNum = hzDivisor === null ? samples : pyTrueDiv(samples, hzDivisor);
      if (this.params.dfPassed) {
        hv = pyTrueDiv(pyMul(hv, region.szFilterPassed ?? 0n), region.end - region.start);
      }
      for (let row = rowFirst; row <= rowLast; row++) {
        const pTime = this.rowTimes[row];
        const at = pySub(pyMin(snapshot.endTime, pyAdd(pTime, timeUnit)), pyMax(observed, pTime));
        const hvAt = pyMul(hv, at);
        for (let col = colFirst; col <= colLast; col++) {
          const pAddr = this.colAddrs[col];
          const regEnd = region.end < pAddr + addrUnit ? region.end : pAddr + addrUnit;
          const regStart = region.start > pAddr ? region.start : pAddr;
          const asz = regEnd - regStart;
          const idx = row * cols + col;
          const prev = this.heats[idx];
          // Python's `(heat or 0)`: a missing or zero heat adds an int 0, keeping h an int.
          const h = pyAdd(pyMul(hvAt, asz), prev === 0 || Number.isNaN(prev) ? 0n : prev * toF(this.space));
          this.heats[idx] = pyTrueDiv(h, this.space);
        }
      }
    }
    this.lastEnd = snapshot.endTime;
  }
}

function toF(x: PyNum): number {
  return typeof x === 'bigint' ? Number(x) : x;
}
