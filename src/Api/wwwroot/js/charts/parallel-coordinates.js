// Parallel coordinates in SVG: one vertical axis per hyperparameter and one for the metric, one line
// per trial through its values, coloured by the metric on a viridis scale with its legend.

import { s, uid } from '../dom.js';
import { chartSvg } from './chart-svg.js';
import { linear, logarithmic, niceDomain, niceTicks, viridis, VIRIDIS_STOPS } from './scales.js';

const MARGIN = { top: 40, right: 150, bottom: 24, left: 36 };

function keyOf(value) {
  return JSON.stringify(value ?? null);
}

/** Where each axis puts a value, and the ticks it labels. */
function buildAxis(axis, values, top, bottom, compare) {
  const present = values.filter((v) => v !== null && v !== undefined);
  const numeric = axis.kind === 'number' && present.every((v) => typeof v === 'number' && Number.isFinite(v));
  const distinct = [];
  const seen = new Set();
  for (const v of present) {
    const key = keyOf(v);
    if (!seen.has(key)) {
      seen.add(key);
      distinct.push(v);
    }
  }
  distinct.sort(compare);

  if (!numeric) {
    const step = distinct.length > 1 ? (bottom - top) / (distinct.length - 1) : 0;
    const at = new Map(distinct.map((v, i) => [keyOf(v), distinct.length > 1 ? bottom - i * step : (top + bottom) / 2]));
    return { position: (v) => at.get(keyOf(v)), ticks: distinct.map((v) => ({ value: v, y: at.get(keyOf(v)) })) };
  }

  let min = Math.min(...distinct);
  let max = Math.max(...distinct);
  // Grid values are few and chosen: label each. A metric gets round ticks instead.
  const labelEach = axis.continuous !== true && distinct.length <= 8;
  const useLog = min > 0 && max / min >= 50;
  if (!useLog && !labelEach) [min, max] = niceDomain(min, max, 4);
  if (min === max) {
    const position = () => (top + bottom) / 2;
    return { position, ticks: [{ value: min, y: position() }] };
  }
  const scale = (useLog ? logarithmic : linear)([min, max], [bottom, top]);
  const tickValues = labelEach ? distinct : niceTicks(min, max, 4);
  return { position: scale, ticks: tickValues.map((v) => ({ value: v, y: scale(v) })) };
}

/**
 * @param {object} options
 * @param {string} options.title
 * @param {string} options.description
 * @param {{name: string, label: string, kind: 'number'|'category', continuous?: boolean, format: (v: any) => string, compare?: (a: any, b: any) => number}[]} options.axes
 *   compare: the order of this axis's values, where it differs from options.compare
 * @param {{key: string, label: string, values: any[], metric: number}[]} options.rows  values in axis order
 * @param {string} options.metricLabel
 * @param {(v: number) => string} options.metricFormat
 * @param {(a: any, b: any) => number} options.compare  the order of values along an axis without its own
 */
export function parallelCoordinates({ title, description, axes, rows, metricLabel, metricFormat, compare, width = 1000, height = 340 }) {
  const svg = chartSvg({ className: 'chart parallel', title, description, width, height });

  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  if (rows.length === 0 || axes.length === 0) {
    svg.append(s('text', { class: 'empty', x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'No finished trials yet'));
    return svg;
  }

  const metrics = rows.map((r) => r.metric);
  const low = Math.min(...metrics);
  const high = Math.max(...metrics);
  const colourOf = (m) => viridis(high === low ? 1 : (m - low) / (high - low));

  const gap = axes.length > 1 ? (right - left) / (axes.length - 1) : 0;
  const xs = axes.map((_, i) => (axes.length > 1 ? left + i * gap : (left + right) / 2));
  const built = axes.map((axis, i) => buildAxis(axis, rows.map((r) => r.values[i]), top, bottom, axis.compare ?? compare));

  const lines = s('g', { class: 'lines' });
  // Best last, so it is drawn on top.
  for (const row of [...rows].sort((a, b) => a.metric - b.metric)) {
    const points = row.values.map((v, i) => [xs[i], built[i].position(v)]).filter(([, y]) => Number.isFinite(y));
    if (points.length === 0) continue;
    const d = points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
    lines.append(s('path', { class: 'trial-line', d, stroke: colourOf(row.metric), 'data-trial': row.key },
      s('title', {}, `${row.label}: ${metricLabel} ${metricFormat(row.metric)}`)));
  }
  svg.append(lines);

  const axisLayer = s('g', { class: 'axes', 'aria-hidden': 'true' });
  axes.forEach((axis, i) => {
    const g = s('g', { class: 'pc-axis' });
    g.append(
      s('line', { class: 'axis', x1: xs[i], x2: xs[i], y1: top, y2: bottom }),
      s('text', { class: 'axis-title', x: xs[i], y: top - 16, 'text-anchor': 'middle' }, axis.label),
    );
    for (const tick of built[i].ticks) {
      g.append(
        s('line', { class: 'axis', x1: xs[i] - 4, x2: xs[i], y1: tick.y, y2: tick.y }),
        s('text', { class: 'tick halo', x: xs[i] + 6, y: tick.y, 'dominant-baseline': 'middle' }, axis.format(tick.value)),
      );
    }
    axisLayer.append(g);
  });
  svg.append(axisLayer);

  // Colour legend: a vertical viridis bar from the lowest to the highest metric.
  const gradientId = uid('viridis');
  const legendX = width - 52;
  const gradient = s('linearGradient', { id: gradientId, x1: 0, y1: 1, x2: 0, y2: 0 });
  VIRIDIS_STOPS.forEach((colour, i) => gradient.append(s('stop', { offset: `${(i / (VIRIDIS_STOPS.length - 1)) * 100}%`, 'stop-color': colour })));
  svg.append(
    s('defs', {}, gradient),
    s('g', { class: 'legend', 'aria-hidden': 'true' },
      s('rect', { x: legendX, y: top, width: 12, height: bottom - top, fill: `url(#${gradientId})` }),
      s('text', { class: 'tick', x: legendX + 6, y: top - 6, 'text-anchor': 'middle' }, metricFormat(high)),
      s('text', { class: 'tick', x: legendX + 6, y: bottom + 16, 'text-anchor': 'middle' }, metricFormat(low))),
  );
  return svg;
}
