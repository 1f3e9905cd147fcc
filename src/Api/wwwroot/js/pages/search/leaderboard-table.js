// A search's trials table: every trial with its varying hyperparameters and final metrics, sortable
// by any column, each with the rank the server's leaderboard gives it (pruned and fold trials have none).

import { statusBadge } from '../../components.js';
import { h } from '../../dom.js';
import { duration, elapsed, fixed, integer, num, percent, plural } from '../../format.js';
import { compareValues, gridValue, valueOrder } from '../../hyperparameters.js';
import { foldOf, isPruned, unrankedReason } from './ranks.js';

const ROWS_SHOWN = 100;

const METRICS = [
  { key: 'testAccuracy', label: 'Test accuracy', higherIsBetter: true, format: (v) => percent(v), get: (t) => num(t.result?.testAccuracy) },
  { key: 'testLoss', label: 'Test loss', format: (v) => fixed(v), get: (t) => num(t.result?.testLoss) },
  { key: 'valAccuracy', label: 'Val accuracy', higherIsBetter: true, format: (v) => percent(v), get: (t) => num(t.result?.valAccuracy) },
  { key: 'valLoss', label: 'Val loss', format: (v) => fixed(v), get: (t) => num(t.result?.valLoss) },
  { key: 'bestEpoch', label: 'Best epoch', format: (v) => (v === null ? '—' : String(v)), get: (t) => num(t.result?.bestEpoch) },
  { key: 'parameterCount', label: 'Parameters', format: (v) => integer(v), get: (t) => num(t.result?.parameterCount) },
  { key: 'seconds', label: 'Time', format: (v) => (v === null ? '—' : duration(v)), get: (t) => (t.startedAt && t.finishedAt ? elapsed(t.startedAt, t.finishedAt) : null) },
];

/** The sort a page starts with: the server's rank, best first, unranked trials last. */
export const DEFAULT_SORT = { key: 'rank', descending: false };

/** Nulls last in either direction; otherwise in the column's order (numbers, lists and text in their natural one). */
function compareNullable(a, b, descending, compare = compareValues) {
  const aMissing = a === null || a === undefined || (typeof a === 'number' && Number.isNaN(a));
  const bMissing = b === null || b === undefined || (typeof b === 'number' && Number.isNaN(b));
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const c = compare(a, b);
  return descending ? -c : c;
}

function rankCell(trial, ranks, boardFull) {
  const rank = ranks.get(trial.id);
  if (rank !== undefined) return String(rank);
  const reason = unrankedReason(trial, boardFull);
  return reason ? h('span', { class: 'unranked', title: reason }, '—', h('span', { class: 'visually-hidden' }, ` (${reason})`)) : '—';
}

function statusCell(trial) {
  const fold = foldOf(trial);
  return [statusBadge(trial.status), isPruned(trial) ? h('span', { class: 'sub' }, ' pruned') : null, fold ? h('span', { class: 'sub' }, ` fold ${fold.number}/${fold.folds}`) : null];
}

/**
 * The table of <all> trials (and a "show all" button while rows are left out). <ranks> maps a trial's id
 * to its rank on the server's leaderboard (ranksOf), <boardFull> says the board was cut at its top.
 * <sort> is { key, descending }; onSort(sort) and onShowAll() ask the page to change them and draw again.
 */
export function leaderboardTable(all, varying, { vocabulary, ranks, boardFull, sort, showAll, onSort, onShowAll }) {
  const columns = [
    { key: 'rank', label: 'Rank', numeric: true, get: (t) => ranks.get(t.id) ?? null, cell: (t) => rankCell(t, ranks, boardFull) },
    { key: 'trial', label: 'Trial', numeric: true, get: (t) => t.id, cell: (t) => h('a', { href: `#/trials/${t.id}`, 'data-focus-key': `trial-${t.id}` }, String(t.id)) },
    { key: 'status', label: 'Status', get: (t) => t.status, cell: statusCell },
    ...varying.map((axis) => ({
      key: `axis:${axis}`, label: axis, axis, get: (t) => gridValue(t, axis), format: vocabulary.print, compare: valueOrder(vocabulary.axis(axis)),
    })),
    ...METRICS.map((m) => ({ ...m, numeric: true })),
  ];
  const sortColumn = columns.find((c) => c.key === sort.key) ?? columns.find((c) => c.key === DEFAULT_SORT.key);
  const sorted = [...all].sort((a, b) => compareNullable(sortColumn.get(a), sortColumn.get(b), sort.descending, sortColumn.compare) || a.ordinal - b.ordinal);
  const shown = showAll ? sorted : sorted.slice(0, ROWS_SHOWN);

  const header = h('tr', {}, columns.map((column) => {
    const active = column.key === sortColumn.key;
    return h('th', {
      scope: 'col',
      class: column.numeric && 'num',
      'data-axis': column.axis,
      'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : null,
    }, h('button', {
      type: 'button',
      class: 'sort',
      'data-focus-key': `sort-${column.key}`,
      onclick: () => onSort({ key: column.key, descending: active ? !sort.descending : Boolean(column.higherIsBetter) }),
    }, column.label, h('span', { class: 'arrow', 'aria-hidden': 'true' }, active ? (sort.descending ? ' ▼' : ' ▲') : '')));
  }));
  const body = shown.map((trial) => h('tr', { class: trial.status === 'running' && 'running', 'data-trial': trial.id }, columns.map((column, i) => {
    const content = column.cell ? column.cell(trial) : (column.format ?? String)(column.get(trial));
    return i === 1
      ? h('th', { scope: 'row', class: column.numeric && 'num' }, content)
      : h('td', { class: column.numeric && 'num', 'data-axis': column.axis, 'data-column': column.axis ? null : column.key }, content);
  })));
  const more = !showAll && sorted.length > ROWS_SHOWN
    ? h('button', { type: 'button', class: 'button secondary', 'data-focus-key': 'show-all', onclick: onShowAll }, `Show all ${sorted.length} trials`)
    : null;
  return [
    h('table', { class: 'data leaderboard' },
      h('caption', {}, `All ${plural(all.length, 'trial')} with their varying hyperparameters and final metrics, sorted by ${sortColumn.label.toLowerCase()} (${sort.descending ? 'descending' : 'ascending'}). Ranks are the leaderboard's; pruned trials and cross-validation folds have none. Choose a column heading to sort by it.`),
      h('thead', {}, header),
      h('tbody', {}, body)),
    more,
  ];
}
