// `--output raw`: one "time<TAB>address<TAB>heat" line per pixel, time-major, with
// coordinates relative to the range start unless absolute ones are asked for, and
// heats as Python prints floats (NaN where nothing is known) (spec/reports.md §7.6).
import { pyStr } from '../../base/py-format.ts';
import { pySub } from '../../base/py-num.ts';
import type { HeatGrid } from './pixel-grid.ts';

export interface RawOptions {
  absTime: boolean;
  absAddr: boolean;
}

/** Calls `emit` with chunks of text so a 500x500 map need not be one string. */
export function emitRawLines(grid: HeatGrid, opts: RawOptions, emit: (text: string) => void): void {
  const addrTexts = grid.colAddrs.map((a) => (opts.absAddr ? a : a - grid.addrStart).toString());
  for (let row = 0; row < grid.rows; row++) {
    const t = grid.rowTimes[row];
    const timeText = pyStr(opts.absTime ? t : pySub(t, grid.timeStart));
    const parts: string[] = [];
    for (let col = 0; col < grid.cols; col++) {
      const heat = grid.heats[row * grid.cols + col];
      parts.push(`${timeText}\t${addrTexts[col]}\t${Number.isNaN(heat) ? 'NaN' : pyStr(heat)}\n`);
    }
    emit(parts.join(''));
  }
}
