// A figure as a short list of drawing items (rectangles, lines, markers, text and
// raster images), so one layout serves every output type: the PNG/JPEG rasteriser,
// the SVG writer and the PDF writer each draw the same list. Coordinates are pixels
// from the top-left corner, y growing downwards.

export type Rgb = readonly [number, number, number];

/** Pixels in rows from the top, three bytes (r, g, b) each. */
export interface RgbImage {
  width: number;
  height: number;
  rgb: Uint8Array;
}

export type TextAnchor = 'start' | 'middle' | 'end';

export type FigureItem =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill?: Rgb; stroke?: Rgb }
  | { kind: 'polyline'; points: readonly (readonly [number, number])[]; color: Rgb; width: number }
  | { kind: 'marker'; x: number; y: number; size: number; color: Rgb }
  /**
   * `y` is the vertical middle of the capital letters; `size` the font size in
   * pixels; `vertical` turns the text a quarter to the left (read bottom to top).
   */
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor: TextAnchor; color: Rgb; vertical?: boolean }
  /** Drawn stretched to w x h without smoothing (each data pixel a sharp block). */
  | { kind: 'image'; x: number; y: number; w: number; h: number; image: RgbImage };

export interface Figure {
  width: number;
  height: number;
  background: Rgb;
  /** The document title (SVG <title>, PDF /Title); not drawn by itself. */
  title: string;
  items: FigureItem[];
}

export const BLACK: Rgb = [0, 0, 0];
export const WHITE: Rgb = [255, 255, 255];
