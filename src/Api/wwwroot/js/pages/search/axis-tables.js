// What each hyperparameter a search varies does, as the server's analysis (GET /api/searches/{id}/analysis)
// works it out: per value, its finished trials of the grid's, the mean over its configurations (each
// configuration's mean counting once), the best trial, and the highest mean marked; with repeats, the
// axis against the noise floor. The page lays the figures out and never recomputes them (the server
// leaves out pruned trials and cross-validation folds).

import { noiseFloorBar } from '../../charts/noise-floor.js';
import { h } from '../../dom.js';
import { percent } from '../../format.js';
import { valueKey, valueOrder } from '../../hyperparameters.js';

// <v> is one of the analysis's values: every value of the axis, null figures while none of its trials has a result.
function row(v, axis, vocabulary, repeated) {
  const value = v.value;
  const top = v.highestMean === true;
  const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
  bar.style.width = `${Math.max(0, (v.mean ?? 0) * 100)}%`;
  return h('tr', { class: top && 'top', 'data-value': valueKey(value) },
    h('th', { scope: 'row' }, vocabulary.print(value), top ? h('span', { class: 'visually-hidden' }, ' (highest mean)') : null),
    h('td', { class: 'num count' }, `${v.trials} / ${v.gridTrials}`),
    repeated ? h('td', { class: 'num configurations' }, String(v.configurations)) : null,
    h('td', { class: 'num mean', 'data-mean': v.mean }, h('span', { class: 'bar-track' }, bar), percent(v.mean)),
    h('td', { class: 'num best' }, v.bestTrialId
      ? h('a', { href: `#/trials/${v.bestTrialId}`, 'data-focus-key': `axis-${axis}-${valueKey(value)}`, 'aria-label': `${percent(v.best)}, trial ${v.bestTrialId}` }, percent(v.best))
      : percent(v.best)));
}

function noiseFloor(analysis, figures, axis) {
  if (analysis?.noiseFloor == null || figures?.repeatShare == null) return null;
  return h('p', { class: 'noise-floor-note' },
    noiseFloorBar({ axis, share: figures.repeatShare, floor: analysis.noiseFloor, format: (v) => percent(v, 1), basis: analysis.noiseFloorBasis }),
    `Explains ${percent(figures.repeatShare, 1)} of the repeats' variance; the seed alone (noise floor, line) ${percent(analysis.noiseFloor, 1)}.`);
}

/**
 * One table per axis in <varying> (grid order), or a note when none varies (<trials>: the grid's trials).
 * <analysis> is the server's answer, null while it loads.
 */
export function axisTables(analysis, trials, varying, vocabulary) {
  if (varying.length === 0) {
    return h('p', {}, trials.length > 1 ? 'The trials share every hyperparameter.' : 'A single trial: no hyperparameter varies.');
  }
  const repeated = (analysis?.configurations ?? 0) < (analysis?.trials ?? 0);
  return varying.map((axis) => {
    const figures = analysis?.axes.find((a) => a.axis === axis);
    const order = valueOrder(vocabulary.axis(axis));
    const values = [...(figures?.values ?? [])].sort((a, b) => order(a.value, b.value));
    return h('div', { class: 'axis-card' },
      h('table', { class: 'data axis-table', 'data-axis': axis },
        h('caption', {}, h('span', { class: 'axis-name' }, axis), ': test accuracy by value'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Value'),
          h('th', { scope: 'col', class: 'num', title: 'Finished trials (pruned ones aside) of the grid\'s trials with this value' }, 'Results'),
          repeated ? h('th', { scope: 'col', class: 'num', title: 'Configurations (grid points) the results are repeats of' }, 'Configs') : null,
          h('th', { scope: 'col', class: 'num', title: repeated ? 'The mean of the configurations\' means' : 'The mean of the results' }, 'Mean'),
          h('th', { scope: 'col', class: 'num' }, 'Best'))),
        h('tbody', {}, values.map((v) => row(v, axis, vocabulary, repeated)))),
      noiseFloor(analysis, figures, axis));
  });
}
