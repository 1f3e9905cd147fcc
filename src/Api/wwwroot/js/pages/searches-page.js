// The list of searches, newest first: status, progress, best accuracy so far and elapsed time, live.

import { getJson, LiveFeed } from '../api.js';
import { dataTable, feedIndicator, progressBar, statusBadge } from '../components.js';
import { h } from '../dom.js';
import { dateTime, duration, elapsed, percent, plural } from '../format.js';

const PAGE_SIZE = 50;

/** One table row, updated in place so focus and hover survive live updates. */
function searchRow(search) {
  const progress = progressBar(`Progress of ${search.name}`);
  const cells = {
    name: h('th', { scope: 'row', class: 'name' }),
    status: h('td'),
    progress: h('td', { class: 'progress-cell' }, progress.element),
    best: h('td', { class: 'num' }),
    elapsed: h('td', { class: 'num' }),
    created: h('td', { class: 'num' }),
  };
  const element = h('tr', { 'data-search': search.id }, ...Object.values(cells));
  let current = search;
  let last = {};

  const set = (cell, key, build) => {
    const value = JSON.stringify(key);
    if (last[cell] === value) return;
    last[cell] = value;
    cells[cell].replaceChildren(...[build()].flat());
  };

  function update(next) {
    current = next;
    set('name', [next.name, next.dataset, next.model, next.trialCount], () => [
      h('a', { href: `#/searches/${next.id}`, 'data-focus-key': `search-${next.id}` }, next.name),
      h('span', { class: 'sub' }, `#${next.id} · ${next.dataset} · ${next.model} · ${plural(next.trialCount, 'trial')}`),
    ]);
    set('status', next.status, () => statusBadge(next.status));
    progress.update(next.counts, next.trialCount);
    set('best', next.best, () => (next.best
      ? h('a', { href: `#/trials/${next.best.trialId}`, 'aria-label': `Best test accuracy ${percent(next.best.testAccuracy)}, trial ${next.best.trialId}` }, percent(next.best.testAccuracy))
      : '—'));
    set('created', next.createdAt, () => dateTime(next.createdAt));
    tick();
  }

  function tick() {
    cells.elapsed.textContent = duration(elapsed(current.startedAt, current.finishedAt));
  }

  update(search);
  return { element, update, tick };
}

export function mount(root) {
  document.title = 'Searches · GridSearch';
  let page = 1;
  const rows = new Map();
  const indicator = feedIndicator();
  const tbody = h('tbody');
  const empty = h('tr', { class: 'empty' }, h('td', { colspan: 6 }, 'No searches yet. Submit one with POST /api/searches; it shows up here as soon as it is created.'));
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of searches' });
  const heading = h('h1', { tabindex: -1 }, 'Searches');

  root.append(
    h('div', { class: 'page-head' }, heading, indicator.element),
    dataTable({
      className: 'searches',
      caption: 'Grid searches, newest first. Progress counts the finished trials (succeeded or failed) of all trials; cancelled ones are crossed out.',
      columns: ['Search', 'Status', 'Progress', ['Best test accuracy', 'num'], ['Elapsed', 'num'], ['Created', 'num']],
      body: tbody,
    }),
    pager,
  );

  function show(result) {
    indicator.touch();
    const keep = new Set();
    let previous = null;
    for (const search of result.items) {
      keep.add(search.id);
      let row = rows.get(search.id);
      if (row) row.update(search);
      else {
        row = searchRow(search);
        rows.set(search.id, row);
      }
      // Only misplaced rows move, so a focused link stays put while others arrive above it.
      const expected = previous ? previous.nextSibling : tbody.firstChild;
      if (expected !== row.element) tbody.insertBefore(row.element, expected);
      previous = row.element;
    }
    for (const [id, row] of rows) {
      if (!keep.has(id)) {
        row.element.remove();
        rows.delete(id);
      }
    }
    if (result.items.length === 0) tbody.replaceChildren(empty);
    else empty.remove();
    renderPager(result);
  }

  function renderPager(result) {
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    if (pages <= 1) {
      pager.replaceChildren();
      return;
    }
    const go = (next) => () => {
      page = next;
      restart();
    };
    pager.replaceChildren(
      h('button', { type: 'button', disabled: page <= 1, onclick: go(page - 1) }, 'Newer'),
      h('span', {}, ` Page ${page} of ${pages} `),
      h('button', { type: 'button', disabled: page >= pages, onclick: go(page + 1) }, 'Older'),
    );
  }

  let feed;
  function restart() {
    feed?.stop();
    feed = new LiveFeed({
      url: `/api/searches/events?page=${page}&pageSize=${PAGE_SIZE}`,
      handlers: { searches: show },
      poll: async (signal) => show(await getJson(`/api/searches?page=${page}&pageSize=${PAGE_SIZE}`, signal)),
      onMode: (mode) => indicator.mode(mode),
    }).start();
  }
  restart();

  const clock = setInterval(() => rows.forEach((row) => row.tick()), 1000);
  return {
    heading,
    unmount() {
      feed?.stop();
      clearInterval(clock);
    },
  };
}
