// Pieces several pages share: the progress bar, status badges and the live-feed indicator.

import { h } from './dom.js';
import { duration, plural, time } from './format.js';

const SEGMENTS = ['succeeded', 'failed', 'cancelled', 'running'];

/**
 * A search's progress: finished trials (succeeded or failed) of all of them, as a progressbar for
 * assistive technology, drawn as stacked segments (succeeded, failed, cancelled crossed out, running)
 * with a line of text beside it; cancelled trials did not finish and count apart. Given the search's
 * epochs (GET /api/searches/{id} has them) it counts epochs done of epochs planned instead, so a search
 * of a few long trials moves from its first epoch, and shows the time left; but not once a trial is
 * cancelled: a cancelled trial plans only the epochs it ran, so a cancelled search would read as all done.
 */
export function progressBar(label) {
  const segments = Object.fromEntries([...SEGMENTS, 'epochs'].map((name) => [name, h('span', { class: ['segment', name] })]));
  const bar = h('div', {
    class: 'progress',
    role: 'progressbar',
    'aria-label': label,
    'aria-valuemin': 0,
    'aria-valuemax': 1,
    'aria-valuenow': 0,
  }, ...[...SEGMENTS, 'epochs'].map((name) => segments[name]));
  const text = h('span', { class: 'progress-text', 'aria-hidden': 'true' });
  const element = h('div', { class: 'progress-wrap' }, bar, text);

  function update(counts, total, epochs) {
    const finished = counts.succeeded + counts.failed;
    const parts = [`${finished} of ${plural(total, 'trial')} finished`, `${counts.succeeded} succeeded`];
    if (counts.failed) parts.push(`${counts.failed} failed`);
    if (counts.cancelled) parts.push(`${counts.cancelled} cancelled`);
    parts.push(`${counts.running} running`);
    const extra = [`${counts.running} running`];
    if (counts.failed) extra.push(`${counts.failed} failed`);
    if (counts.cancelled) extra.push(`${counts.cancelled} cancelled`);
    const byEpochs = epochs && epochs.planned > 0 && !counts.cancelled;
    const left = byEpochs && epochs.estimatedSecondsLeft != null && finished < total
      ? `about ${duration(epochs.estimatedSecondsLeft * 1000)} left` : null;
    if (byEpochs) {
      bar.setAttribute('aria-valuemax', String(epochs.planned));
      bar.setAttribute('aria-valuenow', String(epochs.done));
      parts.unshift(`${epochs.done} of ${plural(epochs.planned, 'epoch')} done`);
      if (left) parts.push(left);
    } else {
      bar.setAttribute('aria-valuemax', String(Math.max(total, 1)));
      bar.setAttribute('aria-valuenow', String(finished));
    }
    bar.setAttribute('aria-valuetext', parts.join(', '));
    // CSSOM, not a style attribute: the page's content security policy allows only this.
    for (const name of SEGMENTS) {
      segments[name].style.width = `${!byEpochs && total > 0 ? (counts[name] / total) * 100 : 0}%`;
    }
    segments.epochs.style.width = `${byEpochs ? (Math.min(epochs.done, epochs.planned) / epochs.planned) * 100 : 0}%`;
    text.textContent = byEpochs
      ? `${epochs.done} / ${epochs.planned} epochs · ${finished} / ${total} trials${left ? ` · ${left}` : ''}`
      : `${finished} / ${total} finished · ${extra.join(' · ')}`;
  }

  return { element, update };
}

export function statusBadge(status) {
  return h('span', { class: ['badge', `status-${status}`] }, status);
}

/** "Live", "Reconnecting…" or "Polling every 2 s", with the time of the last update. */
export function feedIndicator() {
  const element = h('p', { class: 'feed', 'aria-live': 'off' });
  let mode = 'connecting';
  let updated = null;
  const render = () => {
    const label = { live: 'Live', reconnecting: 'Reconnecting…', polling: 'Polling every 2 s', connecting: 'Connecting…' }[mode];
    element.replaceChildren(
      h('span', { class: ['dot', mode] , 'aria-hidden': 'true' }),
      ` ${label}`,
      updated ? ` · updated ${time(updated)}` : '',
    );
  };
  render();
  return {
    element,
    mode(next) {
      mode = next;
      render();
    },
    touch() {
      updated = new Date();
      if (mode === 'connecting' || mode === 'reconnecting') mode = 'live';
      render();
    },
  };
}

/** Says something once to screen-reader users, through the page's polite live region. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick, so the same message twice is still read out.
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/**
 * A scrollable data table: its caption, a header row (a column is its label, or [label, 'num'] for a
 * right-aligned number) and the body the page fills.
 */
export function dataTable({ className, caption, columns, body }) {
  return h('div', { class: 'table-scroll' },
    h('table', { class: `data ${className}` },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map((column) => {
        const [label, kind] = Array.isArray(column) ? column : [column];
        return h('th', { scope: 'col', class: kind }, label);
      }))),
      body));
}
