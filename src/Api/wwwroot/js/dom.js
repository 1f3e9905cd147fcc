// Small DOM helpers: the dashboard builds its elements directly, without a framework.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

function assign(element, attributes) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (name === 'text') element.textContent = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

/** An HTML element: h('a', { href: '#/', class: 'x' }, 'text', child). */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  assign(element, attributes);
  append(element, children);
  return element;
}

/** An SVG element, same call as h(). */
export function s(tag, attributes, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  assign(element, attributes);
  append(element, children);
  return element;
}

let nextId = 0;

/** A document-unique id, for aria-labelledby and friends. */
export function uid(prefix = 'id') {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/**
 * Replaces the children of a region that live updates redraw, keeping keyboard focus: an element
 * with data-focus-key that had focus gets it back in the new content.
 */
export function redraw(container, ...children) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.dataset.focusKey : undefined;
  container.replaceChildren();
  append(container, children);
  if (key !== undefined) {
    const again = [...container.querySelectorAll('[data-focus-key]')].find((e) => e.dataset.focusKey === key);
    again?.focus();
  }
}

/** Calls fn at most once per animation frame, with the latest arguments. */
export function throttled(fn) {
  let pending = false;
  let latest = [];
  return (...args) => {
    latest = args;
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      fn(...latest);
    });
  };
}
