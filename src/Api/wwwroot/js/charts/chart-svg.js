// The frame every chart draws in: an SVG image of the given size, named by its title and described
// by a sentence, so a screen reader announces what the picture shows.

import { s, uid } from '../dom.js';

export function chartSvg({ className, title, description, width, height }) {
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  return s('svg', {
    class: className,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': `${titleId} ${descId}`,
  }, s('title', { id: titleId }, title), s('desc', { id: descId }, description));
}
