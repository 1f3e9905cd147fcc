// A repeated search's configurations as the server's leaderboard ranks them: each grid point trained
// with several seeds, its mean ± the half-width of the mean's 95% interval, n, an error bar on a scale
// the rows share, and a mark where Welch's test cannot tell it from the best. All figures are the
// server's (each entry's `repeats`); the page draws them.

import { errorBar, errorBarDomainText, errorBarScale } from '../../charts/error-bars.js';
import { h } from '../../dom.js';
import { fixed, percent, plural } from '../../format.js';
import { describe, gridValue } from '../../hyperparameters.js';

/** The board's orders (?rankBy), as the API names them. */
export const RANK_BY = [
  { value: 'mean', label: 'mean' },
  { value: 'lowerBound', label: 'pessimistic end of the 95% interval' },
];

export const TIED_TITLE = 'Cannot be told apart from the best, Welch\'s t-test at 5%.';

/** Whether the board has a configuration trained more than once: only then is there a spread to show. */
export function isRepeated(entries) {
  return entries.some((e) => (e.repeats?.n ?? 1) > 1);
}

const METRIC_LABELS = { testAccuracy: 'test accuracy', testLoss: 'test loss', valAccuracy: 'validation accuracy', valLoss: 'validation loss' };

function formatOf(metric) {
  return metric?.endsWith('Loss') ? (v) => fixed(v) : (v) => percent(v);
}

function tiedMark(entry) {
  if (entry.rank === 1) return h('span', { class: 'best-mark', title: 'The best configuration.' }, 'best');
  if (entry.repeats?.tiedWithBest !== true) return null;
  return h('span', { class: 'tied', title: TIED_TITLE }, '≈ best', h('span', { class: 'visually-hidden' }, ` (${TIED_TITLE})`));
}

/**
 * The configurations table of <entries> (the server's board, in its order) over the <varying> axes, and
 * the rank-by choice; onRankBy(value) asks the page to read the board again in that order.
 */
export function configurationTable(entries, varying, { vocabulary, rankBy, onRankBy }) {
  const metric = entries[0]?.repeats?.metric ?? 'testAccuracy';
  const format = formatOf(metric);
  const scale = errorBarScale(entries.map((e) => e.repeats).filter(Boolean));
  const choice = h('select', {
    id: 'rank-by',
    'data-focus-key': 'rank-by',
    onchange: (event) => onRankBy(event.target.value),
  }, RANK_BY.map((r) => h('option', { value: r.value, selected: r.value === rankBy }, r.label)));
  const rows = entries.map((entry) => {
    const r = entry.repeats;
    const half = r.high === null || r.high === undefined ? null : r.high - r.mean;
    return h('tr', { 'data-trial': entry.trialId, 'data-rank': entry.rank },
      h('td', { class: 'num', 'data-column': 'rank' }, String(entry.rank)),
      varying.map((axis) => h('td', { 'data-axis': axis }, vocabulary.print(gridValue(entry, axis)))),
      h('td', { class: 'num', 'data-column': 'mean' }, format(r.mean), half === null ? null : h('span', { class: 'sub' }, ` ± ${format(half)}`)),
      h('td', { class: 'num', 'data-column': 'n' }, String(r.n)),
      h('td', { class: 'bar-cell', 'data-column': 'interval' }, scale ? errorBar({ repeats: r, scale, label: describe(entry, varying, vocabulary.print) || `Configuration ${entry.rank}`, format }) : null),
      h('td', { 'data-column': 'tied' }, tiedMark(entry)),
      h('th', { scope: 'row', class: 'num' }, h('a', { href: `#/trials/${entry.trialId}`, 'data-focus-key': `config-${entry.trialId}` }, String(entry.trialId))));
  });
  return h('div', { class: 'configurations' },
    h('p', { class: 'rank-by' }, h('label', { for: 'rank-by' }, 'Rank configurations by '), choice),
    h('div', { class: 'table-scroll' },
      h('table', { class: 'data configurations-table' },
        h('caption', {}, `${plural(entries.length, 'configuration')}, each trained with several seeds: the mean of its repeats' ${METRIC_LABELS[metric] ?? metric} ± half the width of the mean's 95% interval, n repeats, and the interval (bar), the repeats' range (whisker) and the mean (mark) from ${errorBarDomainText(scale, format)}. ≈ best: ${TIED_TITLE}`),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', class: 'num' }, 'Rank'),
          varying.map((axis) => h('th', { scope: 'col', 'data-axis': axis }, axis)),
          h('th', { scope: 'col', class: 'num' }, 'Mean ± 95%'),
          h('th', { scope: 'col', class: 'num' }, 'n'),
          h('th', { scope: 'col' }, 'Interval'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Tied with the best')),
          h('th', { scope: 'col', class: 'num' }, 'Best repeat'))),
        h('tbody', {}, rows))));
}
