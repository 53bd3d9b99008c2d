// A positive time option in seconds, accepting upstream's human forms (3, 3s, 500ms).
import { toFloat } from '../base/py-num.ts';
import { textToSec } from '../base/units.ts';
import { UserError } from '../base/user-error.ts';

export function positiveSeconds(text: string, option: string): number {
  let v: number;
  try {
    v = toFloat(textToSec(text));
  } catch {
    throw new UserError(`${option}: '${text}' is not a time (e.g. 3, 3s, 500ms)`);
  }
  if (!Number.isFinite(v) || v <= 0) throw new UserError(`${option}: '${text}' must be a positive time`);
  return v;
}
