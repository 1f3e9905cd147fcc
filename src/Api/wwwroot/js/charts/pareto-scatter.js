// Test accuracy against parameter count, one point per trial; the Pareto front (no other trial at
// least as accurate, as small and as fast, and better in one) is drawn larger, filled and joined.

import { s } from '../dom.js';
import { plural } from '../format.js';
import { chartSvg } from './chart-svg.js';
import { plotArea, plotAxes, plotBackground } from './plot-axes.js';
import { linear, logarithmic, niceDomain, niceTicks } from './scales.js';

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
  const area = plotArea(width, height);
  const { left, right, top, bottom } = area;
  if (points.length === 0) {
    svg.append(...plotBackground(area, 'No trial has succeeded yet'));
    return svg;
  }

  const sizes = points.map((p) => p.parameterCount);
  const [p0, p1] = [Math.min(...sizes), Math.max(...sizes)];
  // Parameter counts of a grid span orders of magnitude: a log axis when they do.
  const logX = p0 > 0 && p1 / p0 > 20;
  const x = logX ? logarithmic([p0 / 1.2, p1 * 1.2], [left, right]) : linear(niceDomain(p0, p1), [left, right]);
  const [y0, y1] = niceDomain(Math.min(...points.map((p) => p.testAccuracy)), Math.max(...points.map((p) => p.testAccuracy)));
  const y = linear([Math.max(0, y0), Math.min(1, y1)], [bottom, top]);

  const xTicks = logX
    ? Array.from({ length: Math.floor(Math.log10(p1 * 1.2)) - Math.ceil(Math.log10(p0 / 1.2)) + 1 }, (_, i) => 10 ** (Math.ceil(Math.log10(p0 / 1.2)) + i))
    : niceTicks(...niceDomain(p0, p1), 5);
  svg.append(...plotBackground(area));
  svg.append(plotAxes({
    area, height, x, y, xTicks, yTicks: niceTicks(Math.max(0, y0), Math.min(1, y1), 5), xFormat: count, yFormat: tickFormat,
    xLabel: `Parameters${logX ? ' (log scale)' : ''}`, yLabel: 'Test accuracy',
  }));

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
