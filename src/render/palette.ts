// Heat colours: gnuplot's default palette (rgbformulae 7,5,15: red = sqrt(x),
// green = x^3, blue = sin(2*pi*x), clipped to [0, 1]), black for the coldest through
// blue, purple and red to yellow for the hottest.
import type { Rgb } from './figure.ts';

/** Where the record says nothing (upstream's NaN pixels): light gray, unlike any heat. */
export const NO_DATA: Rgb = [228, 228, 228];

function channel(v: number): number {
  return Math.round(Math.min(1, Math.max(0, v)) * 255);
}

/** The colour of x in [0, 1] (0 coldest). */
export function heatColor(x: number): Rgb {
  const t = Math.min(1, Math.max(0, x));
  return [channel(Math.sqrt(t)), channel(t ** 3), channel(Math.sin(2 * Math.PI * t))];
}
