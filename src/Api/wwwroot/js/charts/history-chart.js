// A search's optimization history: each finished trial's value against its place in the order trials finished
// (a dot; hollow for a pruned trial, which does not count), and the best so far as a step line.

import { s } from '../dom.js';
import { plural } from '../format.js';
import { chartSvg } from './chart-svg.js';
import { linear, niceDomain, niceTicks } from './scales.js';

const MARGIN = { top: 14, right: 18, bottom: 46, left: 62 };

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
  const [left, right, top, bottom] = [MARGIN.left, width - MARGIN.right, MARGIN.top, height - MARGIN.bottom];
  svg.append(s('rect', { class: 'plot-area', x: left, y: top, width: right - left, height: bottom - top }));
  if (valued.length === 0) {
    svg.append(s('text', { class: 'empty', x: (left + right) / 2, y: (top + bottom) / 2, 'text-anchor': 'middle' }, 'No trial has finished yet'));
    return svg;
  }

  const xMax = Math.max(2, ...points.map((p) => p.number));
  const x = linear([1, xMax], [left, right]);
  const [y0, y1] = niceDomain(Math.min(...valued.map((p) => p.value)), Math.max(...valued.map((p) => p.value)));
  const y = linear([y0, y1], [bottom, top]);
  const axes = s('g', { class: 'axes', 'aria-hidden': 'true' });
  for (const tick of niceTicks(y0, y1, 5)) {
    axes.append(
      s('line', { class: 'grid', x1: left, x2: right, y1: y(tick), y2: y(tick) }),
      s('text', { class: 'tick', x: left - 8, y: y(tick), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, tickFormat(tick)),
    );
  }
  for (const tick of niceTicks(1, xMax, Math.min(10, xMax - 1)).filter((t) => Number.isInteger(t) && t >= 1)) {
    axes.append(s('text', { class: 'tick', x: x(tick), y: bottom + 18, 'text-anchor': 'middle' }, String(tick)));
  }
  axes.append(
    s('line', { class: 'axis', x1: left, x2: right, y1: bottom, y2: bottom }),
    s('line', { class: 'axis', x1: left, x2: left, y1: top, y2: bottom }),
    s('text', { class: 'axis-title', x: (left + right) / 2, y: height - 6, 'text-anchor': 'middle' }, 'trial number (in the order trials finished)'),
    s('text', { class: 'axis-title', transform: `translate(16 ${(top + bottom) / 2}) rotate(-90)`, 'text-anchor': 'middle' }, metric),
  );
  svg.append(axes);

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
