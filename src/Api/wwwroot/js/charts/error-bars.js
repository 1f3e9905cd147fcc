// One configuration's repeats as a small horizontal error bar: a thin whisker from the smallest to the
// largest repeat, a bar over the mean's 95% interval and a mark at the mean. Every row of a table draws
// on one shared scale (errorBarScale), so the bars compare across rows.

import { s } from '../dom.js';
import { chartSvg } from './chart-svg.js';
import { linear, niceDomain } from './scales.js';

const WIDTH = 220;
const HEIGHT = 18;
const PAD = 6;

/** The scale the rows share: every repeat summary's min, max and interval inside it. */
export function errorBarScale(summaries) {
  const ends = summaries.flatMap((r) => [r.min, r.max, r.low, r.high]).filter((v) => v !== null && v !== undefined && Number.isFinite(v));
  if (ends.length === 0) return null;
  const domain = niceDomain(Math.min(...ends), Math.max(...ends), 4);
  return { domain, x: linear(domain, [PAD, WIDTH - PAD]) };
}

/**
 * The error bar of one summary { n, mean, low, high, min, max } (low/high null below two repeats: then
 * the mean and the whisker alone) on <scale>; <format> writes a value of the metric.
 */
export function errorBar({ repeats, scale, label, format }) {
  const { x } = scale;
  const interval = repeats.low !== null && repeats.high !== null;
  const middle = HEIGHT / 2;
  const svg = chartSvg({
    className: 'error-bar',
    title: `${label}: repeats`,
    description: `Mean ${format(repeats.mean)}${interval ? `, 95% interval ${format(repeats.low)} to ${format(repeats.high)}` : ''}, repeats from ${format(repeats.min)} to ${format(repeats.max)}, n = ${repeats.n}.`,
    width: WIDTH,
    height: HEIGHT,
  });
  svg.setAttribute('width', WIDTH);
  svg.setAttribute('height', HEIGHT);
  svg.dataset.domain = scale.domain.join(' ');
  svg.append(...[
    s('line', { class: 'whisker', x1: x(repeats.min), x2: x(repeats.max), y1: middle, y2: middle, 'data-min': repeats.min, 'data-max': repeats.max }),
    interval ? s('rect', { class: 'interval', x: x(repeats.low), y: middle - 4, width: Math.max(0, x(repeats.high) - x(repeats.low)), height: 8, 'data-low': repeats.low, 'data-high': repeats.high }) : null,
    s('line', { class: 'mean-mark', x1: x(repeats.mean), x2: x(repeats.mean), y1: 1, y2: HEIGHT - 1, 'data-mean': repeats.mean }),
  ].filter(Boolean));
  return svg;
}

/** The scale's two ends as a caption for the column the bars are in. */
export function errorBarDomainText(scale, format) {
  return scale ? `${format(scale.domain[0])} to ${format(scale.domain[1])}` : '';
}
