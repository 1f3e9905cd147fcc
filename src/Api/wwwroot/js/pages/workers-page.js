// The workers: every worker process that registered, alive ones first, what each slot runs and how many
// trials it has done. Polled: workers change by heartbeats, which send no change notifications.

import { getJson } from '../api.js';
import { dataTable, feedIndicator, statusBadge } from '../components.js';
import { h } from '../dom.js';
import { dateTime, fixed, integer, plural } from '../format.js';

const POLL_MS = 2000;

function running(worker) {
  if (worker.running.length === 0) return worker.status === 'lost' ? '—' : 'idle';
  return h('ul', { class: 'slots' }, ...worker.running.map((slot) => h('li', {},
    `slot ${slot.slot}: `,
    h('a', { href: `#/trials/${slot.trialId}` }, `trial ${slot.trialId}`),
    slot.searchId ? [' of ', h('a', { href: `#/searches/${slot.searchId}` }, `search ${slot.searchId}`)] : '')));
}

function row(worker) {
  return h('tr', { 'data-worker': worker.id, class: worker.status },
    h('th', { scope: 'row', class: 'name' }, worker.host, h('span', { class: 'sub' }, `process ${worker.processId} · ${worker.version}`)),
    h('td', {}, statusBadge(worker.status), worker.lostSince ? h('span', { class: 'sub' }, `since ${dateTime(worker.lostSince)}`) : ''),
    h('td', { class: 'num' }, `${plural(worker.slots, 'slot')} · ${worker.device}`),
    h('td', {}, running(worker)),
    h('td', { class: 'num' }, integer(worker.trialsDone)),
    h('td', { class: 'num' }, fixed(worker.trialsPerHour, 1)),
    h('td', { class: 'num' }, dateTime(worker.startedAt)),
    h('td', { class: 'num' }, dateTime(worker.lastSeenAt)));
}

export function mount(root) {
  document.title = 'Workers · GridSearch';
  const indicator = feedIndicator();
  indicator.mode('polling');
  const tbody = h('tbody');
  const heading = h('h1', { tabindex: -1 }, 'Workers');
  const summary = h('p', { class: 'summary' });
  root.append(
    h('div', { class: 'page-head' }, heading, indicator.element),
    summary,
    dataTable({
      className: 'workers',
      caption: 'Worker processes, alive ones first. A worker not seen for two of its leases is lost: its trials go back to the queue.',
      columns: ['Worker', 'Status', ['Slots', 'num'], 'Running', ['Trials done', 'num'], ['Per hour', 'num'], ['Started', 'num'], ['Last seen', 'num']],
      body: tbody,
    }),
  );

  function show(workers) {
    indicator.touch();
    indicator.mode('polling');
    const alive = workers.filter((w) => w.status === 'alive').length;
    summary.textContent = `${plural(alive, 'worker')} alive, ${workers.length - alive} lost.`;
    tbody.replaceChildren(...(workers.length
      ? workers.map(row)
      : [h('tr', { class: 'empty' }, h('td', { colspan: 8 }, 'No workers yet. Start one (make worker, or GridSearch.Worker); it shows up here within seconds.'))]));
  }

  const controller = new AbortController();
  let timer;
  async function tick() {
    try {
      show(await getJson('/api/workers', controller.signal));
    } catch {
      if (controller.signal.aborted) return;
      indicator.mode('reconnecting');
    }
    if (!controller.signal.aborted) timer = setTimeout(tick, POLL_MS);
  }
  tick();

  return {
    heading,
    unmount() {
      controller.abort();
      clearTimeout(timer);
    },
  };
}
