// A line chart in SVG: one line per series over a shared x axis (epochs), with gridlines, ticks and
// a point per value whose tooltip gives the exact number.

import { s } from '../dom.js';
import { chartSvg } from './chart-svg.js';
import { countTicks, plotArea, plotAxes, plotBackground } from './plot-axes.js';
import { linear, niceDomain, niceTicks } from './scales.js';

/**
 * @param {object} options
 * @param {string} options.title       what the chart shows; also its accessible name
 * @param {string} options.description a sentence for screen readers summarising the data
 * @param {string} options.xLabel
 * @param {string} options.yLabel
 * @param {{label: string, colour: string, dashed?: boolean, key?: string, points: {x: number, y: number}[]}[]} options.series
 * @param {(v: number) => string} [options.yFormat]    a value, in tooltips
 * @param {(v: number) => string} [options.tickFormat] a tick label
 * @param {[number, number]} [options.yLimits] values the y axis never goes past (0 and 1 for accuracies)
 */
export function lineChart({ title, description, xLabel, yLabel, series, yFormat = String, tickFormat = yFormat, yLimits, width = 560, height = 300 }) {
  const svg = chartSvg({ className: 'chart', title, description, width, height });

  const plotted = series.map((line) => ({ ...line, points: line.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)) }));
  const all = plotted.flatMap((line) => line.points);
  const area = plotArea(width, height);
  const { left, right, top, bottom } = area;

  if (all.length === 0) {
    svg.append(...plotBackground(area, 'No epochs recorded yet'));
    return svg;
  }

  const xMax = Math.max(2, ...all.map((p) => p.x));
  const x = linear([1, xMax], [left, right]);
  let [y0, y1] = niceDomain(Math.min(...all.map((p) => p.y)), Math.max(...all.map((p) => p.y)));
  if (yLimits) {
    y0 = Math.max(yLimits[0], y0);
    y1 = Math.min(yLimits[1], y1);
  }
  const y = linear([y0, y1], [bottom, top]);

  svg.append(...plotBackground(area));
  svg.append(plotAxes({ area, height, x, y, xTicks: countTicks(xMax), yTicks: niceTicks(y0, y1, 5), yFormat: tickFormat, xGrid: true, xLabel, yLabel }));

  const lines = s('g', { class: 'lines' });
  for (const line of plotted) {
    if (line.points.length === 0) continue;
    const d = line.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
    const group = s('g', { class: 'series-group', 'data-series': line.key ?? line.label });
    group.append(s('path', {
      class: ['series', line.dashed && 'dashed'],
      d,
      stroke: line.colour,
      'data-points': line.points.length,
    }));
    if (line.points.length <= 80) {
      for (const p of line.points) {
        group.append(s('circle', { class: 'point', cx: x(p.x).toFixed(1), cy: y(p.y).toFixed(1), r: 3, fill: line.colour },
          s('title', {}, `${line.label}, epoch ${p.x}: ${yFormat(p.y)}`)));
      }
    }
    lines.append(group);
  }
  svg.append(lines);
  return svg;
}
