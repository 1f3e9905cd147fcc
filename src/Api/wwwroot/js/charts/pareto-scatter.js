// Test accuracy against parameter count, one point per trial; the Pareto front (no other trial at
// least as accurate, as small and as fast, and better in one) is drawn larger, filled and joined.

import { s } from '../dom.js';
import { plural } from '../format.js';
import { chartSvg } from './chart-svg.js';
import { linear, logarithmic, niceDomain, niceTicks } from './scales.js';

const MARGIN = { top: 14, right: 18, bottom: 46, left: 62 };

/**
 * @param {{trialId: number, testAccuracy: number, parameterCount: number, trainingSeconds: number, onFront: boolean}[]} points
 * @param {(v: number) => string} format an accuracy
 * @param {(v: number) => string} count  a parameter count
 * @param {(v: number) => string} [tickFormat] an accuracy tick label
 */
export function paretoScatter({ points, format, count, tickFormat = format, width = 560, height = 300 }) {
  const front = points.filter((p) => p.onFront);
  const svg = chartSvg({
    className: 'chart pareto-chart',
    title: 'Test accuracy against parameters, Pareto front highlighted',
    description: `${plural(points.length, 'trial')}; ${front.length} on the front: ${front.map((p) => `trial ${p.trialId}, ${format(p.testAccuracy)} with ${count(p.parameterCount)} parameters`).join('; ')}.`,
    width,
    height,
  });
  const [left, right, top, bottom] = [MARGIN.left, width - MARGIN.right, MARGIN.top, height - MARGIN.bottom];
  svg.append(s('rect', { class: 'plot-area', x: left, y: top, width: right - left, height: bottom - top }));
  if (points.length === 0) {
    svg.append(s('text', { class: 'empty', x: (left + right) / 2, y: (top + bottom) / 2, 'text-anchor': 'middle' }, 'No trial has succeeded yet'));
    return svg;
  }

  const sizes = points.map((p) => p.parameterCount);
  const [p0, p1] = [Math.min(...sizes), Math.max(...sizes)];
  // Parameter counts of a grid span orders of magnitude: a log axis when they do.
  const logX = p0 > 0 && p1 / p0 > 20;
  const x = logX ? logarithmic([p0 / 1.2, p1 * 1.2], [left, right]) : linear(niceDomain(p0, p1), [left, right]);
  const [y0, y1] = niceDomain(Math.min(...points.map((p) => p.testAccuracy)), Math.max(...points.map((p) => p.testAccuracy)));
  const y = linear([Math.max(0, y0), Math.min(1, y1)], [bottom, top]);

  const axes = s('g', { class: 'axes', 'aria-hidden': 'true' });
  for (const tick of niceTicks(Math.max(0, y0), Math.min(1, y1), 5)) {
    axes.append(
      s('line', { class: 'grid', x1: left, x2: right, y1: y(tick), y2: y(tick) }),
      s('text', { class: 'tick', x: left - 8, y: y(tick), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, tickFormat(tick)));
  }
  const xTicks = logX
    ? Array.from({ length: Math.floor(Math.log10(p1 * 1.2)) - Math.ceil(Math.log10(p0 / 1.2)) + 1 }, (_, i) => 10 ** (Math.ceil(Math.log10(p0 / 1.2)) + i))
    : niceTicks(...niceDomain(p0, p1), 5);
  for (const tick of xTicks) {
    axes.append(s('text', { class: 'tick', x: x(tick), y: bottom + 18, 'text-anchor': 'middle' }, count(tick)));
  }
  axes.append(
    s('line', { class: 'axis', x1: left, x2: right, y1: bottom, y2: bottom }),
    s('line', { class: 'axis', x1: left, x2: left, y1: top, y2: bottom }),
    s('text', { class: 'axis-title', x: (left + right) / 2, y: height - 6, 'text-anchor': 'middle' }, `Parameters${logX ? ' (log scale)' : ''}`),
    s('text', { class: 'axis-title', transform: `translate(16 ${(top + bottom) / 2}) rotate(-90)`, 'text-anchor': 'middle' }, 'Test accuracy'));
  svg.append(axes);

  const line = [...front].sort((a, b) => a.parameterCount - b.parameterCount);
  if (line.length > 1) {
    svg.append(s('path', { class: 'front-line', d: line.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.parameterCount).toFixed(1)},${y(p.testAccuracy).toFixed(1)}`).join(' ') }));
  }
  for (const p of points) {
    svg.append(s('circle', { class: ['trial-point', p.onFront && 'front'], 'data-trial': p.trialId, cx: x(p.parameterCount).toFixed(1), cy: y(p.testAccuracy).toFixed(1), r: p.onFront ? 5 : 3 },
      s('title', {}, `trial ${p.trialId}: ${format(p.testAccuracy)}, ${count(p.parameterCount)} parameters, ${p.trainingSeconds.toFixed(1)} s training${p.onFront ? ' (on the front)' : ''}`)));
  }
  return svg;
}
