// One search: progress and cancel, the learning curves of its best trials, a sortable leaderboard,
// parallel coordinates of its finished trials and what each grid axis does to accuracy. Live.

import { allTrials, ApiError, getJson, LiveFeed, postJson, withAccessToken } from '../api.js';
import { historyChart } from '../charts/history-chart.js';
import { importanceBars } from '../charts/importance-bars.js';
import { lineChart } from '../charts/line-chart.js';
import { paretoScatter } from '../charts/pareto-scatter.js';
import { parallelCoordinates } from '../charts/parallel-coordinates.js';
import { SERIES_COLOURS } from '../charts/scales.js';
import { announce, feedIndicator, progressBar, statusBadge } from '../components.js';
import { h, redraw, throttled } from '../dom.js';
import { dateTime, duration, elapsed, fixed, integer, num, percent, plural } from '../format.js';
import { compareValues, describe, gridValue, valueOrder } from '../hyperparameters.js';
import { loadVocabulary } from '../vocabulary.js';
import { axisTables } from './search/axis-tables.js';
import { configurationTable, isRepeated } from './search/configuration-table.js';
import { latestRead } from './search/latest-read.js';
import { DEFAULT_SORT, leaderboardTable } from './search/leaderboard-table.js';
import { BOARD_TOP, isFold, ranksOf } from './search/ranks.js';

const TOP_CURVES = 5;
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

function section(id, title, ...children) {
  return h('section', { class: 'panel', 'aria-labelledby': `${id}-heading`, id },
    h('h2', { id: `${id}-heading` }, title), ...children);
}

export function mount(root, { id }) {
  document.title = `Search ${id} · GridSearch`;
  const controller = new AbortController();
  const trials = new Map();
  const epochs = new Map();
  const requested = new Set();
  const state = { search: null, vocabulary: null, sort: DEFAULT_SORT, rankBy: 'mean', showAll: false, confirming: false, cancelling: false };
  // The server's answers the page shows as they are: the leaderboard's ranks and the analysis's figures.
  const server = { board: { entries: [], ranks: new Map(), full: false }, analysis: null };
  // outcomes: a trial was added, or its grid point or how it ended changed, so the server's figures may have.
  const dirty = { search: true, trials: true, epochs: true, outcomes: true, board: true, analysis: true };

  const heading = h('h1', { tabindex: -1 }, `Search ${id}`);
  const badge = h('span', { class: 'badge-slot' });
  const meta = h('p', { class: 'meta' });
  const indicator = feedIndicator();
  const progress = progressBar(`Progress of search ${id}`);
  const summary = h('dl', { class: 'cards' });
  const actions = h('div', { class: 'actions' });
  const curves = h('div', { class: 'chart-pair' });
  const legend = h('ol', { class: 'legend-list', 'aria-label': 'Trials in the learning curves' });
  const configurations = h('div', { class: 'configurations-wrap' });
  const leaderboard = h('div', { class: 'table-scroll' });
  const parallel = h('div', { class: 'parallel-wrap' });
  const axes = h('div', { class: 'axis-grid' });
  const importance = h('figure', { class: 'chart-figure importance-wrap' });
  const pareto = h('figure', { class: 'chart-figure pareto-wrap' });
  const history = h('figure', { class: 'chart-figure history-wrap' });
  const crumbs = h('nav', { 'aria-label': 'Breadcrumb', class: 'crumbs' },
    h('a', { href: '#/' }, 'Searches'), ' › ', h('span', { 'aria-current': 'page' }, `Search ${id}`));

  root.append(
    crumbs,
    h('div', { class: 'page-head' }, h('div', { class: 'title-row' }, heading, badge), indicator.element),
    meta,
    actions,
    h('section', { class: 'panel summary', 'aria-label': 'Progress' }, progress.element, summary),
    section('curves', 'Learning curves',
      h('p', { class: 'hint' }, `Validation accuracy and loss per epoch of the leaderboard's top ${TOP_CURVES} trials; while fewer are ranked, running (dashed) and stopped trials fill in.`),
      curves, legend),
    section('leaderboard', 'Leaderboard', configurations, leaderboard),
    section('parallel', 'Hyperparameters and test accuracy',
      h('p', { class: 'hint' }, 'Parallel coordinates: one line per succeeded trial through its value on each varying hyperparameter, ending at its test accuracy; brighter lines did better.'),
      parallel),
    section('axes', 'What each hyperparameter does',
      h('p', { class: 'hint' }, 'For each varying hyperparameter, as the server\'s analysis works them out (pruned trials and cross-validation folds left out): per value, its finished trials of the grid\'s, the mean test accuracy over its configurations and the best trial; with repeats, the share of the variance the axis explains against the noise floor, what the seed alone moves.'),
      axes),
    section('analysis', 'Importance and the Pareto front',
      h('p', { class: 'hint analysis-basis' }, 'Importance: the share of test accuracy\'s variance each varying hyperparameter explains alone. The front: the trials no other beats on accuracy, parameters and training time at once.'),
      h('div', { class: 'chart-pair' }, importance, pareto)),
    section('history', 'Optimization history',
      h('p', { class: 'hint' }, 'Test accuracy of each trial in the order trials finished, and the best so far; pruned trials (hollow) do not count.'),
      history),
  );

  const render = throttled(() => {
    if (!state.search || !state.vocabulary) return;
    const everything = [...trials.values()];
    // A k-fold evaluation's trials re-train grid points on other splits (GET .../evaluations lists them):
    // counted here they would show each such point twice. The trials table lists them, unranked.
    const all = everything.filter((t) => !isFold(t));
    // The axes the search varies, in grid order: every trial's grid point has exactly these.
    const varying = state.search.axes;
    if (dirty.search) renderHeader();
    if (dirty.trials || dirty.board) renderLeaderboard(everything, varying);
    if (dirty.board) renderConfigurations(varying);
    if (dirty.trials) renderParallel(all, varying);
    if (dirty.trials || dirty.analysis) renderAxes(all, varying);
    if (dirty.analysis) renderAnalysis();
    if (dirty.trials || dirty.epochs || dirty.board) renderCurves(all, varying);
    if (dirty.outcomes) {
      board.changed();
      analysisRead.changed();
      historyRead.changed();
    }
    dirty.search = dirty.trials = dirty.epochs = dirty.outcomes = dirty.board = dirty.analysis = false;
  });

  function markDirty(...parts) {
    for (const part of parts) dirty[part] = true;
    render();
  }

  // ---- data -------------------------------------------------------------

  function applySearch(search) {
    const before = state.search?.status;
    state.search = search;
    indicator.touch();
    if (before && before !== search.status && (search.status === 'completed' || search.status === 'cancelled')) {
      announce(`Search ${search.name} ${search.status}.`);
    }
    markDirty('search');
  }

  // What the server's leaderboard, analysis and history are read from: a trial's grid point and how it ended.
  // A claim, a retry's attempt or a poll that found nothing new leaves them as they were.
  function outcome(trial) {
    return JSON.stringify([trial.gridPoint, FINISHED.has(trial.status) ? trial.status : null, trial.result]);
  }

  function applyTrials(list) {
    let outcomes = false;
    for (const trial of list) {
      const known = trials.get(trial.id);
      // A retry rewrites the epochs from the first: drop the earlier attempt's.
      if (known && known.attempts !== trial.attempts) {
        epochs.delete(trial.id);
        requested.delete(trial.id);
      }
      outcomes ||= !known || outcome(known) !== outcome(trial);
      trials.set(trial.id, trial);
    }
    indicator.touch();
    markDirty('trials', ...(outcomes ? ['outcomes'] : []));
  }

  function applyEpochs(list) {
    for (const epoch of list) {
      if (!epochs.has(epoch.trialId)) epochs.set(epoch.trialId, new Map());
      epochs.get(epoch.trialId).set(epoch.epoch, epoch);
    }
    indicator.touch();
    markDirty('epochs');
  }

  async function fetchEpochs(trial) {
    requested.add(trial.id);
    try {
      const full = await getJson(`/api/trials/${trial.id}`, controller.signal);
      epochs.set(trial.id, new Map(full.epochs.map((e) => [e.epoch, { ...e, trialId: trial.id }])));
      markDirty('epochs');
    } catch (error) {
      if (error.name !== 'AbortError') requested.delete(trial.id);
    }
  }

  // The leaderboard's best first (its ranks, not the page's), then running and stopped trials.
  function topTrials(all) {
    const ranks = server.board.ranks;
    const done = all.filter((t) => ranks.has(t.id)).sort((a, b) => ranks.get(a.id) - ranks.get(b.id) || a.ordinal - b.ordinal);
    const running = all.filter((t) => t.status === 'running')
      .sort((a, b) => lastValAccuracy(b) - lastValAccuracy(a) || a.ordinal - b.ordinal);
    // Trials stopped part-way (cancelled, failed) still have curves worth seeing when few succeeded.
    const stopped = all.filter((t) => !ranks.has(t.id) && FINISHED.has(t.status) && t.startedAt)
      .sort((a, b) => a.ordinal - b.ordinal);
    return [...done, ...running, ...stopped].slice(0, TOP_CURVES);
  }

  function lastValAccuracy(trial) {
    const history = epochs.get(trial.id);
    if (!history || history.size === 0) return -1;
    return num([...history.values()].at(-1).valAccuracy) ?? -1;
  }

  // ---- rendering ---------------------------------------------------------

  function renderHeader() {
    const search = state.search;
    document.title = `${search.name} · GridSearch`;
    heading.textContent = search.name;
    crumbs.lastChild.textContent = search.name;
    badge.replaceChildren(statusBadge(search.status));
    meta.textContent = [
      `Search #${search.id}`, search.dataset, search.model, plural(search.trialCount, 'trial'),
      `created ${dateTime(search.createdAt)}`,
    ].join(' · ');
    meta.append(' · elapsed ', h('span', { class: 'elapsed' }, duration(elapsed(search.startedAt, search.finishedAt))));
    progress.update(search.counts, search.trialCount, search.epochs);

    const best = search.best;
    const cards = [
      ['Best test accuracy', best ? h('a', { href: `#/trials/${best.trialId}`, 'data-focus-key': 'best' }, percent(best.testAccuracy)) : '—'],
      ['Succeeded', search.counts.succeeded],
      ['Running', search.counts.running],
      ['Queued', search.counts.queued],
      ['Failed', search.counts.failed],
      ['Cancelled', search.counts.cancelled],
    ];
    redraw(summary, cards.map(([term, value]) => h('div', { class: 'card' }, h('dt', {}, term), h('dd', {}, value))));
    renderActions();
  }

  function renderActions() {
    const search = state.search;
    const cancellable = search.status === 'queued' || search.status === 'running';
    const exports = [
      h('a', { class: 'button secondary', href: withAccessToken(`/api/searches/${id}/export?format=csv`), download: `search-${id}-trials.csv`, 'data-focus-key': 'csv' }, 'Export CSV'),
      h('a', { class: 'button secondary', href: withAccessToken(`/api/searches/${id}/export?format=json`), download: `search-${id}-trials.json`, 'data-focus-key': 'json' }, 'Export JSON'),
    ];
    const cancel = h('button', {
      type: 'button',
      class: 'button danger',
      'data-focus-key': 'cancel',
      disabled: !cancellable || state.cancelling,
      'aria-expanded': state.confirming ? 'true' : 'false',
      'aria-controls': 'cancel-confirm',
      onclick: () => {
        state.confirming = true;
        renderActions();
        actions.querySelector('[data-focus-key="confirm-yes"]')?.focus();
      },
    }, state.cancelling ? 'Cancelling…' : search.status === 'cancelled' ? 'Cancelled' : 'Cancel search');
    const confirm = state.confirming && cancellable
      ? h('div', {
        id: 'cancel-confirm',
        class: 'confirm',
        role: 'group',
        'aria-label': 'Confirm cancelling the search',
        onkeydown: (event) => {
          if (event.key === 'Escape') keepRunning();
        },
      },
      h('span', {}, 'Cancel the queued trials now and the running ones at their next epoch?'),
      h('button', { type: 'button', class: 'button danger', 'data-focus-key': 'confirm-yes', onclick: cancelSearch }, 'Yes, cancel search'),
      h('button', { type: 'button', class: 'button secondary', 'data-focus-key': 'confirm-no', onclick: keepRunning }, 'Keep running'))
      : null;
    redraw(actions, exports, cancel, confirm);
  }

  function keepRunning() {
    state.confirming = false;
    renderActions();
    actions.querySelector('[data-focus-key="cancel"]')?.focus();
  }

  async function cancelSearch() {
    state.confirming = false;
    state.cancelling = true;
    renderActions();
    try {
      applySearch(await postJson(`/api/searches/${id}/cancel`, controller.signal));
      heading.focus();
      announce('Search cancelled: queued trials are cancelled, running ones stop at their next epoch.');
    } catch (error) {
      if (error.name !== 'AbortError') announce(`Cancelling failed: ${error.message}`);
    } finally {
      state.cancelling = false;
      if (state.search) markDirty('search');
    }
  }

  function renderCurves(all, varying) {
    const top = topTrials(all);
    for (const trial of top) {
      const history = epochs.get(trial.id);
      if (!requested.has(trial.id) && FINISHED.has(trial.status) && !history?.size) fetchEpochs(trial);
    }
    const label = (trial) => `Trial ${trial.id}${varying.length ? ` (${describe(trial, varying, state.vocabulary.print)})` : ''}`;
    const series = (field) => top.map((trial, i) => ({
      key: String(trial.id),
      label: label(trial),
      colour: SERIES_COLOURS[i % SERIES_COLOURS.length],
      dashed: trial.status === 'running',
      points: [...(epochs.get(trial.id)?.values() ?? [])]
        .sort((a, b) => a.epoch - b.epoch)
        .map((e) => ({ x: e.epoch, y: num(e[field]) }))
        .filter((p) => p.y !== null),
    }));
    const accuracy = series('valAccuracy');
    const loss = series('valLoss');
    const summarise = (lines, format, better) => {
      const finals = lines.filter((l) => l.points.length).map((l) => ({ label: l.label, value: l.points.at(-1).y, epoch: l.points.at(-1).x }));
      if (!finals.length) return 'No epochs recorded yet.';
      const best = finals.reduce((a, b) => (better(b.value, a.value) ? b : a));
      return `${plural(finals.length, 'trial')}; best last value ${format(best.value)} at epoch ${best.epoch}, trial ${best.label}.`;
    };
    redraw(curves,
      h('figure', { class: 'chart-figure' },
        h('figcaption', {}, 'Validation accuracy'),
        lineChart({
          title: 'Validation accuracy per epoch, top trials',
          description: summarise(accuracy, percent, (a, b) => a > b),
          xLabel: 'epoch', yLabel: 'validation accuracy', series: accuracy,
          yFormat: (v) => percent(v), tickFormat: (v) => percent(v, 0), yLimits: [0, 1],
        })),
      h('figure', { class: 'chart-figure' },
        h('figcaption', {}, 'Validation loss'),
        lineChart({
          title: 'Validation loss per epoch, top trials',
          description: summarise(loss, fixed, (a, b) => a < b),
          xLabel: 'epoch', yLabel: 'validation loss', series: loss,
          yFormat: (v) => fixed(v), tickFormat: (v) => fixed(v, 2), yLimits: [0, Infinity],
        })));
    redraw(legend, top.map((trial, i) => h('li', {},
      h('span', { class: ['swatch', trial.status === 'running' && 'dashed'], 'aria-hidden': 'true', dataset: { colour: i } }),
      h('a', { href: `#/trials/${trial.id}`, 'data-focus-key': `legend-${trial.id}` }, label(trial)),
      ' ',
      h('span', { class: 'sub' }, trial.status === 'succeeded' ? percent(trial.result?.testAccuracy) : trial.status))));
    legend.querySelectorAll('.swatch').forEach((swatch) => {
      const colour = SERIES_COLOURS[Number(swatch.dataset.colour) % SERIES_COLOURS.length];
      swatch.style.color = colour;
      if (!swatch.classList.contains('dashed')) swatch.style.backgroundColor = colour;
    });
  }

  function renderLeaderboard(all, varying) {
    redraw(leaderboard, leaderboardTable(all, varying, {
      vocabulary: state.vocabulary,
      ranks: server.board.ranks,
      boardFull: server.board.full,
      sort: state.sort,
      showAll: state.showAll,
      onSort: (sort) => {
        state.sort = sort;
        markDirty('trials');
      },
      onShowAll: () => {
        state.showAll = true;
        markDirty('trials');
      },
    }));
  }

  function renderConfigurations(varying) {
    const { entries } = server.board;
    if (!isRepeated(entries)) {
      redraw(configurations);
      return;
    }
    redraw(configurations, configurationTable(entries, varying, {
      vocabulary: state.vocabulary,
      rankBy: state.rankBy,
      onRankBy: (rankBy) => {
        state.rankBy = rankBy;
        board.changed();
      },
    }));
  }

  function renderParallel(all, varying) {
    const done = all.filter((t) => t.status === 'succeeded' && Number.isFinite(num(t.result?.testAccuracy)));
    const vocabulary = state.vocabulary;
    const axesSpec = [
      ...varying.map((axis) => ({
        name: axis,
        label: axis,
        kind: vocabulary.isNumeric(axis) ? 'number' : 'category',
        format: vocabulary.print,
        compare: valueOrder(vocabulary.axis(axis)),
      })),
      { name: 'testAccuracy', label: 'test accuracy', kind: 'number', continuous: true, format: (v) => percent(v, 1) },
    ];
    const rows = done.map((t) => {
      const accuracy = num(t.result.testAccuracy);
      return { key: String(t.id), label: `Trial ${t.id}`, values: [...varying.map((a) => gridValue(t, a)), accuracy], metric: accuracy };
    });
    const accuracies = rows.map((r) => r.metric);
    const description = rows.length
      ? `${plural(rows.length, 'succeeded trial')} across ${plural(varying.length, 'varying hyperparameter')} (${varying.join(', ') || 'none'}); test accuracy from ${percent(Math.min(...accuracies))} to ${percent(Math.max(...accuracies))}. The leaderboard table holds the same data.`
      : 'No trial has succeeded yet.';
    if (rows.length === 0) {
      redraw(parallel, h('p', { class: 'empty-note' }, 'No trial has succeeded yet: the plot appears with the first.'));
      return;
    }
    redraw(parallel, parallelCoordinates({
      title: 'Parallel coordinates of the succeeded trials, coloured by test accuracy',
      description,
      axes: axesSpec,
      rows,
      metricLabel: 'test accuracy',
      metricFormat: (v) => percent(v, 1),
      compare: compareValues,
    }));
  }

  function renderAxes(all, varying) {
    redraw(axes, axisTables(server.analysis, all, varying, state.vocabulary));
  }

  function renderAnalysis() {
    const result = server.analysis;
    if (!result) return;
    redraw(importance, h('figcaption', {}, 'Importance'), importanceBars({ axes: result.axes, format: (v) => percent(v, 1) }));
    redraw(pareto, h('figcaption', {}, 'Pareto front'), paretoScatter({ points: result.pareto, format: (v) => percent(v), tickFormat: (v) => percent(v, 0), count: integer }));
    root.querySelector('.analysis-basis')?.setAttribute('title', `Importance is ${result.importanceBasis}.`);
  }

  // The server's leaderboard and analysis, asked again whenever the trials change (latestRead).
  const board = latestRead(
    controller.signal,
    (signal) => getJson(`/api/searches/${id}/leaderboard?top=${BOARD_TOP}&rankBy=${state.rankBy}`, signal),
    (entries) => {
      server.board = { entries, ranks: ranksOf(entries), full: entries.length >= BOARD_TOP };
      markDirty('board');
    },
    (error) => announce(`The leaderboard could not be loaded: ${error.message}`),
  );
  const analysisRead = latestRead(
    controller.signal,
    (signal) => getJson(`/api/searches/${id}/analysis`, signal),
    (result) => {
      server.analysis = result;
      markDirty('analysis');
    },
    (error) => redraw(importance, h('p', { class: 'empty-note' }, `The analysis could not be loaded: ${error.message}`)),
  );
  // The best so far against trial number (GET /api/searches/{id}/history), Optuna's optimization history.
  const historyRead = latestRead(
    controller.signal,
    (signal) => getJson(`/api/searches/${id}/history`, signal),
    (steps) => redraw(history, h('figcaption', {}, 'Best so far'), historyChart({ points: steps.trials, metric: 'test accuracy', format: (v) => percent(v), tickFormat: (v) => percent(v, 0) })),
    (error) => redraw(history, h('p', { class: 'empty-note' }, `The history could not be loaded: ${error.message}`)),
  );

  // ---- lifecycle ----------------------------------------------------------

  let feed;
  const clock = setInterval(() => {
    const search = state.search;
    const cell = meta.querySelector('.elapsed');
    if (search && cell) cell.textContent = duration(elapsed(search.startedAt, search.finishedAt));
  }, 1000);

  async function poll(signal) {
    applySearch(await getJson(`/api/searches/${id}`, signal));
    applyTrials(await allTrials(id, signal));
    await Promise.all(topTrials([...trials.values()]).filter((t) => t.status === 'running').map((t) => fetchEpochs(t)));
  }

  (async () => {
    try {
      const [search, list, vocabulary] = await Promise.all([getJson(`/api/searches/${id}`, controller.signal), allTrials(id, controller.signal), loadVocabulary()]);
      if (controller.signal.aborted) return;
      state.vocabulary = vocabulary;
      applySearch(search);
      applyTrials(list);
    } catch (error) {
      if (error.name === 'AbortError') return;
      root.replaceChildren(crumbs, h('h1', { tabindex: -1 }, error instanceof ApiError && error.status === 404 ? `No search ${id}` : 'The search could not be loaded'),
        h('p', {}, error instanceof ApiError && error.status === 404 ? 'It does not exist; go back to the list of searches.' : error.message));
      return;
    }
    feed = new LiveFeed({
      url: `/api/searches/${id}/events`,
      handlers: { search: applySearch, trials: applyTrials, epochs: applyEpochs },
      poll,
      onMode: (mode) => indicator.mode(mode),
    }).start();
  })();

  return {
    heading,
    unmount() {
      controller.abort();
      feed?.stop();
      clearInterval(clock);
    },
  };
}
