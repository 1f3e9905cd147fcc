// What each hyperparameter a search varies does, as the server's analysis (GET /api/searches/{id}/analysis)
// works it out: per value, how many results count, their mean and the best. The page only lays the
// figures out; it never recomputes them (the server leaves out pruned trials and cross-validation folds).

import { h } from '../../dom.js';
import { percent } from '../../format.js';
import { gridValue, valueKey, valueOrder } from '../../hyperparameters.js';

/** The values <axis> takes among <trials> (so a value shows before any of its trials finished), and the analysis's. */
function valuesOf(trials, figures, axis) {
  const values = new Map(trials.map((t) => [valueKey(gridValue(t, axis)), gridValue(t, axis)]));
  for (const v of figures?.values ?? []) values.set(valueKey(v.value), v.value);
  return [...values.values()];
}

/**
 * One table per axis in <varying> (grid order), or a note when none varies. <analysis> is the server's
 * answer, null while it loads; <trials> are the search's grid trials, which only name the values.
 */
export function axisTables(analysis, trials, varying, vocabulary) {
  if (varying.length === 0) {
    return h('p', {}, trials.length > 1 ? 'The trials share every hyperparameter.' : 'A single trial: no hyperparameter varies.');
  }
  return varying.map((axis) => {
    const figures = analysis?.axes.find((a) => a.axis === axis);
    const byValue = new Map((figures?.values ?? []).map((v) => [valueKey(v.value), v]));
    const values = valuesOf(trials, figures, axis).sort(valueOrder(vocabulary.axis(axis)));
    const means = [...byValue.values()].map((v) => v.mean);
    const bestMean = means.length ? Math.max(...means) : null;
    return h('div', { class: 'axis-card' },
      h('table', { class: 'data axis-table', 'data-axis': axis },
        h('caption', {}, h('span', { class: 'axis-name' }, axis), ': test accuracy by value'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Value'),
          h('th', { scope: 'col', class: 'num' }, 'Results'),
          h('th', { scope: 'col', class: 'num' }, 'Mean'),
          h('th', { scope: 'col', class: 'num' }, 'Best'))),
        h('tbody', {}, values.map((value) => {
          const v = byValue.get(valueKey(value));
          const top = v !== undefined && v.mean === bestMean && values.length > 1;
          const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
          bar.style.width = `${Math.max(0, (v?.mean ?? 0) * 100)}%`;
          return h('tr', { class: top && 'top', 'data-value': valueKey(value) },
            h('th', { scope: 'row' }, vocabulary.print(value), top ? h('span', { class: 'visually-hidden' }, ' (highest mean)') : null),
            h('td', { class: 'num count' }, String(v?.trials ?? 0)),
            h('td', { class: 'num mean', 'data-mean': v?.mean }, h('span', { class: 'bar-track' }, bar), percent(v?.mean)),
            h('td', { class: 'num best', 'data-best': v?.best }, percent(v?.best)));
        }))));
  });
}
