// The frame the x–y charts share (learning curves, the optimization history, the Pareto scatter): the plot
// area inside one set of margins, the y axis's gridlines and tick labels, the x axis's tick labels, the two
// axis lines and their titles.

import { s } from '../dom.js';
import { niceTicks } from './scales.js';

const MARGIN = { top: 14, right: 18, bottom: 46, left: 62 };

/** Where a <width> × <height> chart plots: its left, right, top and bottom edges in pixels. */
export function plotArea(width, height) {
  return { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom };
}

/** The plot area's background, and across it <empty> when there is nothing to plot. */
export function plotBackground(area, empty = null) {
  const { left, right, top, bottom } = area;
  return [
    s('rect', { class: 'plot-area', x: left, y: top, width: right - left, height: bottom - top }),
    empty === null ? null : s('text', { class: 'empty', x: (left + right) / 2, y: (top + bottom) / 2, 'text-anchor': 'middle' }, empty),
  ].filter(Boolean);
}

/** Ticks at whole numbers from 1 to <max> (epochs, trial numbers), ten at most. */
export function countTicks(max) {
  return niceTicks(1, max, Math.min(10, max - 1)).filter((t) => Number.isInteger(t) && t >= 1);
}

/**
 * The axes of a chart of <height> over <area>: a gridline and a label (<yFormat>) at each of <yTicks>, a label
 * (<xFormat>) at each of <xTicks>, with gridlines too when <xGrid>; the axis lines, and <xLabel> and <yLabel>.
 */
export function plotAxes({ area, height, x, y, xTicks, yTicks, xFormat = String, yFormat, xGrid = false, xLabel, yLabel }) {
  const { left, right, top, bottom } = area;
  const axes = s('g', { class: 'axes', 'aria-hidden': 'true' });
  for (const tick of yTicks) {
    axes.append(
      s('line', { class: 'grid', x1: left, x2: right, y1: y(tick), y2: y(tick) }),
      s('text', { class: 'tick', x: left - 8, y: y(tick), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, yFormat(tick)),
    );
  }
  for (const tick of xTicks) {
    if (xGrid) axes.append(s('line', { class: 'grid', x1: x(tick), x2: x(tick), y1: top, y2: bottom }));
    axes.append(s('text', { class: 'tick', x: x(tick), y: bottom + 18, 'text-anchor': 'middle' }, xFormat(tick)));
  }
  axes.append(
    s('line', { class: 'axis', x1: left, x2: right, y1: bottom, y2: bottom }),
    s('line', { class: 'axis', x1: left, x2: left, y1: top, y2: bottom }),
    s('text', { class: 'axis-title', x: (left + right) / 2, y: height - 6, 'text-anchor': 'middle' }, xLabel),
    s('text', { class: 'axis-title', transform: `translate(16 ${(top + bottom) / 2}) rotate(-90)`, 'text-anchor': 'middle' }, yLabel),
  );
  return axes;
}
