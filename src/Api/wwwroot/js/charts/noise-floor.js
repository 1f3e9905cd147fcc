// One axis set against the noise floor: a bar as long as the share of all finished repeats' variance the
// axis's values explain, and a line at the share that lies between repeats of one configuration (what the
// seed alone moves). An axis whose bar does not reach well past the line is not told apart from noise.

import { s } from '../dom.js';
import { chartSvg } from './chart-svg.js';
import { linear } from './scales.js';

const WIDTH = 240;
const HEIGHT = 22;
const PAD = 4;

/** <share> and <floor> are shares of variance, 0 to 1; <format> writes one; <basis> says what the floor is. */
export function noiseFloorBar({ axis, share, floor, format, basis }) {
  const x = linear([0, 1], [PAD, WIDTH - PAD]);
  const svg = chartSvg({
    className: 'noise-floor-chart',
    title: `${axis} against the noise floor`,
    description: `${axis} explains ${format(share)} of the variance of all finished repeats; the noise floor is ${format(floor)}.`,
    width: WIDTH,
    height: HEIGHT,
  });
  svg.setAttribute('width', WIDTH);
  svg.setAttribute('height', HEIGHT);
  svg.append(
    s('rect', { class: 'track', x: x(0), y: 6, width: x(1) - x(0), height: 10 }),
    s('rect', { class: 'repeat-share', x: x(0), y: 6, width: Math.max(0, x(share) - x(0)), height: 10, 'data-share': share }),
    s('line', { class: 'noise-floor', x1: x(floor), x2: x(floor), y1: 1, y2: HEIGHT - 1, 'data-floor': floor }, s('title', {}, `Noise floor ${format(floor)}: ${basis}`)),
  );
  return svg;
}
