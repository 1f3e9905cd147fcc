// Horizontal bars, one per varying hyperparameter, as long as its importance: the share of the
// metric's variance its values explain alone (the analysis endpoint works it out).

import { s } from '../dom.js';
import { chartSvg } from './chart-svg.js';
import { linear } from './scales.js';

const MARGIN = { top: 8, right: 64, bottom: 8, left: 130 };
const ROW = 26;

/**
 * @param {{axis: string, importance: number, spearman: number|null}[]} axes most important first
 * @param {(v: number) => string} format a share, e.g. 42.0 %
 */
export function importanceBars({ axes, format, width = 560 }) {
  const height = MARGIN.top + MARGIN.bottom + ROW * Math.max(1, axes.length);
  const svg = chartSvg({
    className: 'chart importance-chart',
    title: 'Importance of each hyperparameter',
    description: axes.map((a) => `${a.axis}: ${format(a.importance)} of the variance`).join('; ') || 'No hyperparameter varies.',
    width,
    height,
  });
  const x = linear([0, 1], [MARGIN.left, width - MARGIN.right]);
  axes.forEach((a, i) => {
    const y = MARGIN.top + i * ROW;
    svg.append(
      s('text', { class: 'tick', x: MARGIN.left - 8, y: y + ROW / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, a.axis),
      s('rect', { class: 'track', x: x(0), y: y + 5, width: x(1) - x(0), height: ROW - 10 }),
      s('rect', { class: 'importance-bar', 'data-axis': a.axis, 'data-importance': a.importance, x: x(0), y: y + 5, width: Math.max(0, x(a.importance) - x(0)), height: ROW - 10 },
        s('title', {}, `${a.axis}: ${format(a.importance)}${a.spearman === null ? '' : `, Spearman ${a.spearman.toFixed(2)}`}`)),
      s('text', { class: 'value', x: x(1) + 6, y: y + ROW / 2, 'dominant-baseline': 'middle' }, format(a.importance)),
    );
  });
  return svg;
}
