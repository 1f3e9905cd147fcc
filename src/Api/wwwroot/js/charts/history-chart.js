// A search's optimization history: each finished trial's value against its place in the order trials finished
// (a dot; hollow for a pruned trial, which does not count), and the best so far as a step line.

import { s } from '../dom.js';
import { plural } from '../format.js';
import { chartSvg } from './chart-svg.js';
import { countTicks, plotArea, plotAxes, plotBackground } from './plot-axes.js';
import { linear, niceDomain, niceTicks } from './scales.js';

/**
 * @param {{number: number, trialId: number, chosenBy: string|null, value: number|null, best: number|null, pruned: boolean}[]} points
 * @param {string} metric the metric's name, for the axis and the description
 * @param {(v: number) => string} format a value, in tooltips
 * @param {(v: number) => string} [tickFormat] a tick label
 */
export function historyChart({ points, metric, format, tickFormat = format, width = 560, height = 300 }) {
  const valued = points.filter((p) => Number.isFinite(p.value));
  const stepped = points.filter((p) => Number.isFinite(p.best));
  const best = stepped.at(-1)?.best;
  const reached = valued.find((p) => !p.pruned && p.value === best);
  const svg = chartSvg({
    className: 'chart history-chart',
    title: `Best ${metric} so far against trial number`,
    description: `${plural(points.length, 'finished trial')}; ${reached ? `the best ${metric} is ${format(best)}, reached at #${reached.number} (trial ${reached.trialId})` : 'none has a value yet'}.`,
    width,
    height,
  });
  const area = plotArea(width, height);
  if (valued.length === 0) {
    svg.append(...plotBackground(area, 'No trial has finished yet'));
    return svg;
  }

  const xMax = Math.max(2, ...points.map((p) => p.number));
  const x = linear([1, xMax], [area.left, area.right]);
  const [y0, y1] = niceDomain(Math.min(...valued.map((p) => p.value)), Math.max(...valued.map((p) => p.value)));
  const y = linear([y0, y1], [area.bottom, area.top]);
  svg.append(...plotBackground(area));
  svg.append(plotAxes({
    area, height, x, y, xTicks: countTicks(xMax), yTicks: niceTicks(y0, y1, 5), yFormat: tickFormat, xLabel: 'trial number (in the order trials finished)', yLabel: metric,
  }));

  // The best holds until a better trial finishes: a step after each point, to the right edge after the last.
  const steps = stepped.flatMap((p, i) => [[p.number, p.best], [stepped[i + 1]?.number ?? xMax, p.best]]);
  const d = steps.map(([n, v], i) => `${i === 0 ? 'M' : 'L'}${x(n).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  svg.append(s('path', { class: 'series best-so-far', d, stroke: 'currentColor', fill: 'none', 'data-points': stepped.length }));
  const dots = s('g', { class: 'history-points' });
  for (const p of valued) {
    dots.append(s('circle', {
      class: ['point', p.pruned && 'pruned'],
      cx: x(p.number).toFixed(1),
      cy: y(p.value).toFixed(1),
      r: 3,
      fill: p.pruned ? 'none' : 'currentColor',
      stroke: 'currentColor',
      'data-trial': p.trialId,
    }, s('title', {}, `#${p.number}, trial ${p.trialId}${p.chosenBy ? ` (${p.chosenBy})` : ''}: ${format(p.value)}${p.pruned ? ', pruned' : ''}; best so far ${Number.isFinite(p.best) ? format(p.best) : '—'}`)));
  }
  svg.append(dots);
  return svg;
}
