// The REST calls the dashboard makes, and its live feed: Server-Sent Events, or polling where those fail.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// API keys. Once the API has keys it answers 401 without one: the dashboard then asks for a key once
// and keeps it for this browser tab's session (sessionStorage, gone when the tab closes), sending it as
// a bearer token on fetch and, since EventSource and download links cannot set headers, as an
// access_token query parameter on the event streams and exports (the only URLs the API accepts it on).
const KEY_STORAGE = 'gridsearch.apiKey';
let asking;

export function apiKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}

function headers(extra) {
  const key = apiKey();
  return key ? { ...extra, Authorization: `Bearer ${key}` } : extra;
}

/** The URL of an event stream or export, with the key when there is one. */
export function withAccessToken(url) {
  const key = apiKey();
  if (!key) return url;
  return `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(key)}`;
}

/** Asks for a key (one prompt however many requests were refused at once); true when one was given. */
function askForKey(message) {
  asking ??= Promise.resolve().then(() => {
    const given = typeof window.prompt === 'function' ? window.prompt(message) : null;
    asking = undefined;
    if (!given || !given.trim()) return false;
    try {
      sessionStorage.setItem(KEY_STORAGE, given.trim());
    } catch {
      return false;
    }
    return true;
  });
  return asking;
}

/** fetch with the key; on a 401, asks for a key once and tries again with it. */
async function send(url, init) {
  const response = await fetch(url, { ...init, headers: headers(init.headers) });
  if (response.status !== 401) return response;
  const hadKey = apiKey();
  const prompt = hadKey
    ? 'The API refused this API key (revoked or mistyped). Enter another key:'
    : 'This GridSearch API needs an API key (gs_…). Enter one:';
  if (!(await askForKey(prompt))) return response;
  return fetch(url, { ...init, headers: headers(init.headers) });
}

async function read(response) {
  if (response.ok) return response.json();
  let detail = response.statusText;
  try {
    const problem = await response.json();
    detail = problem.title ?? detail;
  } catch {
    // Not a problem-details body: the status text says enough.
  }
  throw new ApiError(response.status, `${response.status} ${detail}`);
}

export async function getJson(url, signal) {
  return read(await send(url, { headers: { Accept: 'application/json' }, signal }));
}

export async function postJson(url, signal) {
  return read(await send(url, { method: 'POST', headers: { Accept: 'application/json' }, signal }));
}

/** POSTs a body: FormData as multipart (uploads), anything else as JSON. */
export async function postBody(url, body, signal) {
  const form = body instanceof FormData;
  return read(await send(url, {
    method: 'POST',
    headers: form ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: form ? body : JSON.stringify(body),
    signal,
  }));
}

/** Every trial of a search, page by page at the API's largest page size. */
export async function allTrials(searchId, signal) {
  const items = [];
  for (let page = 1; ; page += 1) {
    const result = await getJson(`/api/searches/${searchId}/trials?page=${page}&pageSize=500`, signal);
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) return items;
  }
}

/**
 * Keeps a page up to date. Listens to an event stream and hands each event's data to its handler;
 * when the stream cannot be had (no EventSource, or the server refused it), calls poll() every
 * pollMs instead. onMode is told 'live', 'reconnecting' or 'polling'.
 */
export class LiveFeed {
  constructor({ url, handlers, poll, pollMs = 2000, onMode = () => {} }) {
    this.url = url;
    this.handlers = handlers;
    this.poll = poll;
    this.pollMs = pollMs;
    this.onMode = onMode;
    this.stopped = false;
    this.controller = new AbortController();
  }

  start() {
    if (typeof EventSource === 'undefined') {
      this.startPolling();
      return this;
    }
    const source = new EventSource(withAccessToken(this.url));
    this.source = source;
    for (const [name, handler] of Object.entries(this.handlers)) {
      source.addEventListener(name, (event) => handler(JSON.parse(event.data)));
    }
    source.onopen = () => this.onMode('live');
    source.onerror = () => {
      if (this.stopped) return;
      if (source.readyState === EventSource.CLOSED) {
        // Refused outright (an error status or another content type): EventSource gives up, so poll.
        source.close();
        this.source = undefined;
        this.startPolling();
      } else {
        this.onMode('reconnecting');
      }
    };
    return this;
  }

  startPolling() {
    this.onMode('polling');
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.poll(this.controller.signal);
      } catch (error) {
        if (error.name === 'AbortError') return;
        this.onMode('polling');
      }
      if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
    };
    tick();
  }

  stop() {
    this.stopped = true;
    this.source?.close();
    clearTimeout(this.timer);
    this.controller.abort();
  }
}
