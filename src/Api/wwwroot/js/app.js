// The dashboard's router: hash routes, so the API serves one static page and deep links still work.
//   #/              the searches
//   #/searches/12   one search
//   #/trials/345    one trial
//   #/workers       the workers

import { h } from './dom.js';
import * as searchesPage from './pages/searches-page.js';
import * as searchPage from './pages/search-page.js';
import * as trialPage from './pages/trial-page.js';
import * as workersPage from './pages/workers-page.js';

const routes = [
  { pattern: /^#?\/?$/, page: searchesPage, params: () => ({}) },
  { pattern: /^#\/searches\/(\d+)\/?$/, page: searchPage, params: (m) => ({ id: Number(m[1]) }) },
  { pattern: /^#\/trials\/(\d+)\/?$/, page: trialPage, params: (m) => ({ id: Number(m[1]) }) },
  { pattern: /^#\/workers\/?$/, page: workersPage, params: () => ({}) },
];

const main = document.getElementById('main');
let current = null;
let first = true;

function navigate() {
  current?.unmount();
  current = null;
  main.replaceChildren();
  const hash = window.location.hash || '#/';
  const route = routes.find((r) => r.pattern.test(hash));
  let heading;
  if (route) {
    current = route.page.mount(main, route.params(hash.match(route.pattern)));
    heading = current.heading;
  } else {
    document.title = 'Not found · GridSearch';
    heading = h('h1', { tabindex: -1 }, 'Page not found');
    main.append(heading, h('p', {}, h('a', { href: '#/' }, 'Back to the searches')));
  }
  // After a navigation (not the first load) move focus to the new page's heading, as a page load would.
  if (!first) heading?.focus();
  first = false;
  window.scrollTo(0, 0);
}

// The skip link must not change the hash: that would be a route.
document.querySelector('a.skip')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', navigate);
navigate();
