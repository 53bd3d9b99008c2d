// Which record ids, time span and address ranges a heatmap draws: what the user gave,
// completed from the guides (spec/reports.md §7.3). Guides are only computed when
// something is missing, so fully specified ranges need no pass over the records.
import { type PyNum, pyAdd, pyCompare } from '../../base/py-num.ts';
import { textToBytes, textToNs } from '../../base/units.ts';
import { UserError } from '../../base/user-error.ts';
import { type Guide, type GuideId, contiguousRegions, sameGuideId } from './guide.ts';

export type DrawRange = 'hottest' | 'all';

export interface RangeRequest {
  /** undefined: take it from the first guide. */
  kdamondIdx?: number;
  contextIdx?: number;
  schemeIdx?: number;
  targetId?: bigint;
  /** [start, end] or [start, end, base] as typed (base: guided, guided_end or a time). */
  timeRange?: string[];
  /** Each [start, end] or [start, end, base] (base: guided or a size). */
  addressRanges?: string[][];
  drawRange: DrawRange;
}

export interface ResolvedRanges {
  id: GuideId;
  timeRange: [PyNum, PyNum];
  addressRanges: [bigint, bigint][];
}

function guidedBase(vals: string[] | undefined): boolean {
  return vals !== undefined && vals.length === 3 && vals[2].startsWith('guided');
}

/** Whether anything is left to the guides (then they must be computed). */
export function needsGuides(req: RangeRequest): boolean {
  return (
    req.kdamondIdx === undefined ||
    req.contextIdx === undefined ||
    req.schemeIdx === undefined ||
    req.targetId === undefined ||
    req.timeRange === undefined ||
    req.addressRanges === undefined ||
    guidedBase(req.timeRange) ||
    req.addressRanges.some(guidedBase)
  );
}

function checkArity(option: string, vals: string[]): void {
  if (vals.length < 2 || vals.length > 3) {
    throw new UserError(`${option} takes <start> <end> [base], not ${vals.length} value(s)`);
  }
}

/** Whether the hottest guided range is needed (default --draw_range hottest). */
export function needsHottest(req: RangeRequest): boolean {
  return req.drawRange === 'hottest' && (req.addressRanges === undefined || req.addressRanges.some(guidedBase));
}

/** The guide of the ids asked for; unset ids come from the first guide. */
export function pickGuide(req: RangeRequest, guides: Guide[]): Guide {
  if (guides.length === 0) throw new UserError('the record has no monitoring results to draw');
  const first = guides[0];
  const want: GuideId = {
    kdamondIdx: req.kdamondIdx !== undefined ? req.kdamondIdx : first.kdamondIdx,
    contextIdx: req.contextIdx !== undefined ? req.contextIdx : first.contextIdx,
    schemeIdx: req.schemeIdx !== undefined ? req.schemeIdx : first.schemeIdx,
    targetId: req.targetId !== undefined ? req.targetId : first.targetId,
  };
  const guide = guides.find((g) => sameGuideId(g, want));
  if (!guide) {
    throw new UserError(
      'no monitoring results of the given --kdamond_idx/--context_idx/--scheme_idx/--tid in the record (see --guide)',
    );
  }
  return guide;
}

/**
 * The ids and ranges to draw. `guide` must be given when needsGuides(req), and
 * `hottest` (its hottest contiguous range) when needsHottest(req) too.
 */
export function resolveRanges(req: RangeRequest, guide?: Guide, hottest?: [bigint, bigint]): ResolvedRanges {
  const id: GuideId = guide ?? {
    kdamondIdx: req.kdamondIdx ?? null,
    contextIdx: req.contextIdx ?? null,
    schemeIdx: req.schemeIdx ?? null,
    targetId: req.targetId ?? null,
  };
  return { id, timeRange: resolveTime(req.timeRange, guide), addressRanges: resolveAddresses(req, guide, hottest) };
}

function resolveTime(vals: string[] | undefined, guide: Guide | undefined): [PyNum, PyNum] {
  let range: [PyNum, PyNum];
  if (vals === undefined) {
    range = [guide!.startTime, guide!.endTime];
  } else {
    checkArity('--time_range', vals);
    range = [textToNs(vals[0]), textToNs(vals[1])];
    if (vals.length === 3) {
      const base = vals[2] === 'guided' ? guide!.startTime : vals[2] === 'guided_end' ? guide!.endTime : textToNs(vals[2]);
      range = [pyAdd(range[0], base), pyAdd(range[1], base)];
    }
  }
  if (pyCompare(range[0], range[1]) >= 0) {
    throw new UserError(`the time range to draw is empty (${vals ? '--time_range' : 'the record'} ends where it starts or earlier)`);
  }
  return range;
}

function resolveAddresses(req: RangeRequest, guide?: Guide, hottest?: [bigint, bigint]): [bigint, bigint][] {
  let guided: [bigint, bigint][] = [];
  if (guide) guided = req.drawRange === 'all' ? contiguousRegions(guide) : [hottest!];
  if (req.addressRanges === undefined) return guided;
  return req.addressRanges.map((vals, i) => {
    checkArity('--address_range', vals);
    let start = textToBytes(vals[0]);
    let end = textToBytes(vals[1]);
    if (vals.length === 3) {
      let base: bigint;
      if (vals[2] === 'guided') {
        if (i >= guided.length) {
          throw new UserError(
            `--address_range #${i + 1} is based on guided range #${i + 1}, but there are only ${guided.length} (try --draw_range all)`,
          );
        }
        base = guided[i][0];
      } else {
        base = textToBytes(vals[2]);
      }
      start += base;
      end += base;
    }
    if (start >= end) throw new UserError(`--address_range ${vals.join(' ')} is empty (its end is not above its start)`);
    return [start, end];
  });
}
