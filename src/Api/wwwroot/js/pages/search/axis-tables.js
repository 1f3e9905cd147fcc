// What each hyperparameter a search varies does: per value, the mean and the best test accuracy of
// the succeeded trials, the highest mean marked.

import { h } from '../../dom.js';
import { percent } from '../../format.js';
import { axisSummary, valueOrder } from '../../hyperparameters.js';

/** One table per axis in <varying> (grid order), or a note when none varies. */
export function axisTables(all, varying, vocabulary) {
  if (varying.length === 0) {
    return h('p', {}, all.length > 1 ? 'The trials share every hyperparameter.' : 'A single trial: no hyperparameter varies.');
  }
  return varying.map((axis) => {
    const groups = axisSummary(all, axis, valueOrder(vocabulary.axis(axis)));
    const means = groups.map((g) => g.mean).filter((m) => m !== null);
    const bestMean = means.length ? Math.max(...means) : null;
    return h('div', { class: 'axis-card' },
      h('table', { class: 'data axis-table', 'data-axis': axis },
        h('caption', {}, h('span', { class: 'axis-name' }, axis), ': test accuracy by value'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Value'),
          h('th', { scope: 'col', class: 'num' }, 'Succeeded'),
          h('th', { scope: 'col', class: 'num' }, 'Mean'),
          h('th', { scope: 'col', class: 'num' }, 'Best'))),
        h('tbody', {}, groups.map((g) => {
          const top = g.mean !== null && g.mean === bestMean && groups.length > 1;
          const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
          bar.style.width = `${Math.max(0, (g.mean ?? 0) * 100)}%`;
          return h('tr', { class: top && 'top' },
            h('th', { scope: 'row' }, vocabulary.print(g.value), top ? h('span', { class: 'visually-hidden' }, ' (highest mean)') : null),
            h('td', { class: 'num' }, `${g.succeeded} / ${g.trials}`),
            h('td', { class: 'num mean' }, h('span', { class: 'bar-track' }, bar), percent(g.mean)),
            h('td', { class: 'num' }, g.best
              ? h('a', { href: `#/trials/${g.best.trial.id}`, 'data-focus-key': `axis-${axis}-${JSON.stringify(g.value)}`, 'aria-label': `${percent(g.best.accuracy)}, trial ${g.best.trial.id}` }, percent(g.best.accuracy))
              : '—'));
        }))));
  });
}
