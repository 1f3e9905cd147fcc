// One trial: its run (attempts, worker, times), its configuration, its per-epoch history as plots
// and a table, and its confusion matrix as a heatmap. Follows a running trial live.

import { ApiError, getJson, LiveFeed } from '../api.js';
import { lineChart } from '../charts/line-chart.js';
import { mix, SERIES_COLOURS, textOn } from '../charts/scales.js';
import { feedIndicator, statusBadge } from '../components.js';
import { h, redraw, throttled } from '../dom.js';
import { compact, dateTime, duration, elapsed, fixed, integer, num, percent } from '../format.js';
import { predictPanel } from '../predict-panel.js';
import { loadVocabulary } from '../vocabulary.js';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

const CLASS_NAMES = {
  mnist: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  'fashion-mnist': ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
};

function section(id, title, ...children) {
  return h('section', { class: 'panel', 'aria-labelledby': `${id}-heading`, id },
    h('h2', { id: `${id}-heading` }, title), ...children);
}

/** Name-value pairs as the config grid: names in monospace, values printed by print(value, name). */
function configList(label, keys, values, print) {
  return h('dl', { class: 'config-grid', 'aria-label': label },
    keys.map((k) => h('div', {}, h('dt', {}, k), h('dd', {}, print(values[k], k)))));
}

/**
 * The config's keys: those no axis names (dataset, model, seed and the resolved layers) as the
 * config has them, then the axes' in vocabulary order, so every trial page lists them alike;
 * the axes of the other model family are left out.
 */
function configKeys(config, vocabulary) {
  const keys = Object.keys(config).filter((k) => vocabulary.appliesTo(k, config.model));
  return [
    ...keys.filter((k) => !vocabulary.axis(k)),
    ...keys.filter((k) => vocabulary.axis(k)).sort((a, b) => vocabulary.order(a) - vocabulary.order(b)),
  ];
}

/** Diagonal cells in blue by the class's recall, mistakes in red by their share of the true class. */
function cellColour(count, rowTotal, diagonal) {
  if (rowTotal === 0 || count === 0) return '#ffffff';
  const share = count / rowTotal;
  return diagonal ? mix('#eef5fb', '#08306b', share) : mix('#fff5f0', '#a50f15', Math.min(1, Math.sqrt(share / 0.25)));
}

/** Where the trial was trained, as facts; for a cached trial, where its source was. */
function machineFacts(trial) {
  const machine = trial.machine;
  if (!machine) {
    return [h('p', { class: 'hint' }, FINISHED.has(trial.status) || trial.status === 'running'
      ? 'Not recorded: the worker that ran it did not describe its machine.'
      : 'Recorded when a worker claims the trial.')];
  }
  const facts = [
    ['CPU', machine.cpuModel],
    ['CPU features', machine.cpuFeatures.length ? machine.cpuFeatures.join(' ') : '—'],
    ['ATen kernels', machine.cpuCapability],
    ['libtorch', machine.torchVersion],
    ['BLAS / LAPACK', `${machine.blas} / ${machine.lapack}`],
    ['BLAS library', machine.blasLibrary ?? '—'],
    ['Device', machine.device],
    ['Threads', String(machine.threads)],
  ];
  return [
    trial.cachedFrom != null
      ? h('p', { class: 'hint' }, 'Its result was trained by ', h('a', { href: `#/trials/${trial.cachedFrom}` }, `trial ${trial.cachedFrom}`), ', on this machine.')
      : null,
    h('dl', { class: 'facts', 'aria-label': 'Where the trial was trained' },
      facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value)))),
  ];
}

function confusionTable(matrix, names) {
  const rowTotals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const correct = matrix.reduce((sum, row, i) => sum + row[i], 0);
  const label = (i) => names[i] ?? String(i);
  return h('table', { class: 'confusion' },
    h('caption', {}, `Confusion matrix on ${integer(total)} test images (${percent(total ? correct / total : null)} correct): rows are the true class, columns the predicted class. Blue shades the correct predictions by the class's recall, red the mistakes by their share of the true class.`),
    h('thead', {},
      h('tr', {}, h('td', { class: 'corner' }), h('th', { scope: 'colgroup', colspan: matrix.length, class: 'axis-label' }, 'Predicted'), h('td')),
      h('tr', {},
        h('th', { scope: 'col', class: 'corner' }, 'True'),
        matrix.map((_, j) => h('th', { scope: 'col', class: 'class-name' }, label(j))),
        h('th', { scope: 'col', class: 'num' }, 'Recall'))),
    h('tbody', {}, matrix.map((row, i) => h('tr', {},
      h('th', { scope: 'row', class: 'class-name' }, label(i)),
      row.map((count, j) => {
        const background = cellColour(count, rowTotals[i], i === j);
        const cell = h('td', {
          class: ['cell', i === j && 'diagonal'],
          title: `true ${label(i)}, predicted ${label(j)}: ${count}`,
        }, String(count));
        cell.style.backgroundColor = background;
        cell.style.color = textOn(background);
        return cell;
      }),
      h('td', { class: 'num' }, percent(rowTotals[i] ? row[i] / rowTotals[i] : null, 1))))));
}

export function mount(root, { id }) {
  document.title = `Trial ${id} · GridSearch`;
  const controller = new AbortController();
  const state = { trial: null, search: null, vocabulary: null, epochs: new Map() };

  const heading = h('h1', { tabindex: -1 }, `Trial ${id}`);
  const badge = h('span', { class: 'badge-slot' });
  const meta = h('p', { class: 'meta' });
  const indicator = feedIndicator();
  const cards = h('dl', { class: 'cards' });
  const run = h('dl', { class: 'facts' });
  const config = h('div');
  const machine = h('div');
  const charts = h('div', { class: 'chart-pair' });
  const history = h('div', { class: 'table-scroll history' });
  const confusion = h('div', { class: 'table-scroll' });
  const searchLink = h('a', { href: '#/' }, 'Search');
  const crumbs = h('nav', { 'aria-label': 'Breadcrumb', class: 'crumbs' },
    h('a', { href: '#/' }, 'Searches'), ' › ', searchLink, ' › ', h('span', { 'aria-current': 'page' }, `Trial ${id}`));

  root.append(
    crumbs,
    h('div', { class: 'page-head' }, h('div', { class: 'title-row' }, heading, badge), indicator.element),
    meta,
    h('section', { class: 'panel summary', 'aria-label': 'Final metrics' }, cards),
    h('div', { class: 'two-columns' },
      section('run', 'Run', run),
      section('config', 'Hyperparameters', config)),
    section('machine', 'Trained on', machine),
    section('history', 'Training history', charts, history),
    section('confusion', 'Confusion matrix', confusion),
  );
  let tryModel;

  const render = throttled(() => {
    const trial = state.trial;
    const vocabulary = state.vocabulary;
    if (!trial || !vocabulary) return;
    const search = state.search;
    const name = search ? search.name : `search ${trial.searchId}`;
    document.title = `Trial ${trial.id} of ${name} · GridSearch`;
    heading.textContent = `Trial ${trial.id}`;
    searchLink.textContent = name;
    searchLink.setAttribute('href', `#/searches/${trial.searchId}`);
    badge.replaceChildren(statusBadge(trial.status));
    meta.textContent = `Grid point ${trial.ordinal + 1}${search ? ` of ${search.trialCount}` : ''} of ${name}${search ? ` · ${search.dataset} · ${search.model}` : ''} · config ${trial.configHash.slice(0, 12)}`;

    const result = trial.result;
    redraw(cards, [
      ['Test accuracy', percent(result?.testAccuracy)],
      ['Test loss', fixed(result?.testLoss)],
      ['Val accuracy', percent(result?.valAccuracy)],
      ['Val loss', fixed(result?.valLoss)],
      ['Best epoch', result?.bestEpoch ?? '—'],
      ['Parameters', integer(result?.parameterCount)],
    ].map(([term, value]) => h('div', { class: 'card' }, h('dt', {}, term), h('dd', {}, value))));

    const facts = [
      ['Status', statusBadge(trial.status)],
      ['Attempts', String(trial.attempts)],
      ['Worker', trial.worker ?? '—'],
      ['Started', dateTime(trial.startedAt)],
      ['Finished', dateTime(trial.finishedAt)],
      ['Duration', duration(elapsed(trial.startedAt, trial.finishedAt))],
      ['Stop reason', result?.stopReason ?? '—'],
    ];
    // A cached trial was never trained: its results and epochs are those of the trial it names.
    if (trial.cachedFrom != null) {
      facts.push(['Cached from', h('a', { href: `#/trials/${trial.cachedFrom}` }, `trial ${trial.cachedFrom}`)]);
    }
    if (trial.error) facts.push(['Last error', h('pre', { class: 'error' }, trial.error)]);
    redraw(run, facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
    redraw(machine, ...machineFacts(trial));

    // The grid point first: what sets this trial apart from the others of its search.
    const point = trial.gridPoint ?? {};
    const varying = Object.keys(point).sort((a, b) => vocabulary.order(a) - vocabulary.order(b));
    redraw(config,
      h('h3', {}, 'Grid point'),
      varying.length
        ? configList('The values of the hyperparameters its search varies', varying, point, vocabulary.print)
        : h('p', { class: 'hint' }, 'Its search varies no hyperparameter.'),
      h('h3', {}, 'Configuration'),
      configList('The resolved configuration this trial trained with', configKeys(trial.config, vocabulary), trial.config,
        (value, key) => vocabulary.printConfig(key, value)));

    renderHistory(trial);

    const names = CLASS_NAMES[trial.config.dataset] ?? [];
    // Built once, when the trial has a kept model: a drawing in progress survives live updates.
    if (trial.modelKept && !tryModel) {
      tryModel = section('predict', 'Try the model', predictPanel(trial.id, trial.config.dataset, names, controller.signal));
      root.append(tryModel);
    }

    redraw(confusion, result?.confusionMatrix
      ? confusionTable(result.confusionMatrix, names)
      : h('p', {}, FINISHED.has(trial.status) ? 'This trial has no confusion matrix: it did not finish training.' : 'The confusion matrix appears when the trial finishes.'));
  });

  function renderHistory(trial) {
    const rows = [...state.epochs.values()].sort((a, b) => a.epoch - b.epoch);
    const best = trial.result?.bestEpoch;
    const points = (field) => rows.map((e) => ({ x: e.epoch, y: num(e[field]) })).filter((p) => p.y !== null);
    const lastOf = (field, format) => {
      const p = points(field);
      return p.length ? `${format(p.at(-1).y)} at epoch ${p.at(-1).x}` : 'none yet';
    };
    // Accuracy and loss plot alike: training dashed, validation solid, by epoch.
    const figure = (measure, format, tickFormat, yLimits) => {
      const caption = measure[0].toUpperCase() + measure.slice(1);
      const train = `train${caption}`;
      const val = `val${caption}`;
      return h('figure', { class: 'chart-figure' },
        h('figcaption', {}, caption),
        lineChart({
          title: `Training and validation ${measure} per epoch`,
          description: `Training ${measure} ${lastOf(train, format)}; validation ${measure} ${lastOf(val, format)}.`,
          xLabel: 'epoch', yLabel: measure,
          series: [
            { key: 'train', label: 'training', colour: SERIES_COLOURS[1], dashed: true, points: points(train) },
            { key: 'val', label: 'validation', colour: SERIES_COLOURS[0], points: points(val) },
          ],
          yFormat: (v) => format(v), tickFormat, yLimits,
        }));
    };
    redraw(charts,
      figure('accuracy', percent, (v) => percent(v, 0), [0, 1]),
      figure('loss', fixed, (v) => fixed(v, 2), [0, Infinity]),
      h('ul', { class: 'key', 'aria-label': 'Line key' },
        h('li', {}, h('span', { class: 'swatch dashed train', 'aria-hidden': 'true' }), 'training (dashed)'),
        h('li', {}, h('span', { class: 'swatch val', 'aria-hidden': 'true' }), 'validation (solid)')));

    redraw(history, h('table', { class: 'data epochs' },
      h('caption', {}, `Per-epoch history: ${rows.length} ${rows.length === 1 ? 'epoch' : 'epochs'}${best ? `; epoch ${best} was the best and its weights were kept` : ''}.`),
      h('thead', {}, h('tr', {},
        ['Epoch', 'Train loss', 'Train accuracy', 'Val loss', 'Val accuracy', 'Learning rate', 'Seconds'].map((c) => h('th', { scope: 'col', class: 'num' }, c)))),
      h('tbody', {}, rows.length
        ? rows.map((e) => h('tr', { class: e.epoch === best && 'best' },
          h('th', { scope: 'row', class: 'num' }, String(e.epoch), e.epoch === best ? h('span', { class: 'tag' }, 'best') : null),
          h('td', { class: 'num' }, fixed(e.trainLoss)),
          h('td', { class: 'num' }, percent(e.trainAccuracy)),
          h('td', { class: 'num' }, fixed(e.valLoss)),
          h('td', { class: 'num' }, percent(e.valAccuracy)),
          h('td', { class: 'num' }, compact(num(e.learningRate))),
          h('td', { class: 'num' }, fixed(e.seconds, 2))))
        : h('tr', {}, h('td', { colspan: 7 }, 'No epoch has finished yet.')))));
  }

  function applyTrial(trial, withEpochs) {
    state.trial = trial;
    if (withEpochs) state.epochs = new Map(trial.epochs.map((e) => [e.epoch, e]));
    indicator.touch();
    render();
  }

  let feed;
  async function refresh(signal) {
    applyTrial(await getJson(`/api/trials/${id}`, signal), true);
    if (FINISHED.has(state.trial.status)) stopFollowing();
  }

  function stopFollowing() {
    feed?.stop();
    feed = undefined;
    indicator.mode('live');
    indicator.element.hidden = true;
  }

  function follow() {
    feed = new LiveFeed({
      url: `/api/searches/${state.trial.searchId}/events`,
      handlers: {
        search: (search) => {
          state.search = search;
          render();
        },
        trials: (list) => {
          const mine = list.find((t) => t.id === id);
          if (!mine) return;
          if (mine.attempts !== state.trial.attempts) state.epochs = new Map();
          applyTrial(mine, false);
          // The finished trial once more from the REST API: its last epochs and final result, then stop.
          if (FINISHED.has(mine.status)) refresh(controller.signal).catch(() => {});
        },
        epochs: (list) => {
          for (const epoch of list) if (epoch.trialId === id) state.epochs.set(epoch.epoch, epoch);
          indicator.touch();
          render();
        },
      },
      poll: refresh,
      onMode: (mode) => indicator.mode(mode),
    }).start();
  }

  (async () => {
    try {
      [state.vocabulary] = await Promise.all([loadVocabulary(), refresh(controller.signal)]);
      if (controller.signal.aborted) return;
      state.search = await getJson(`/api/searches/${state.trial.searchId}`, controller.signal);
      render();
    } catch (error) {
      if (error.name === 'AbortError') return;
      const missing = error instanceof ApiError && error.status === 404;
      root.replaceChildren(crumbs, h('h1', { tabindex: -1 }, missing ? `No trial ${id}` : 'The trial could not be loaded'),
        h('p', {}, missing ? 'It does not exist; go back to the list of searches.' : error.message));
      return;
    }
    if (!FINISHED.has(state.trial.status)) follow();
    else indicator.element.hidden = true;
  })();

  return {
    heading,
    unmount() {
      controller.abort();
      feed?.stop();
    },
  };
}
