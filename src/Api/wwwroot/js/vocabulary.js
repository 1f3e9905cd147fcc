// The hyperparameters as the API publishes them (GET /api/axes): names, order, types, choices and
// how lists print. The dashboard keeps no list of its own, so a new axis shows up without a change here.

import { getJson } from './api.js';
import { hyperparameter } from './format.js';

const NUMERIC_TYPES = new Set(['integer', 'number']);

let pending = null;

/**
 * The vocabulary, fetched once per page load and shared by every page. Fetched without a page's
 * abort signal, since the next page wants it too; a failed fetch is forgotten, so the next one retries.
 */
export function loadVocabulary() {
  pending ??= getJson('/api/axes').then(
    (published) => new Vocabulary(published),
    (error) => {
      pending = null;
      throw error;
    });
  return pending;
}

export class Vocabulary {
  constructor({ axes, listSeparator }) {
    this.axes = [...axes].sort((a, b) => a.order - b.order);
    this.listSeparator = listSeparator;
    this.byName = new Map(this.axes.map((axis) => [axis.name, axis]));
    this.print = this.print.bind(this);
  }

  /** The published axis of that name; undefined for a name outside the vocabulary. */
  axis(name) {
    return this.byName.get(name);
  }

  /** Where a name sorts among the axes; names outside the vocabulary sort after all of them. */
  order(name) {
    return this.byName.get(name)?.order ?? Infinity;
  }

  /** Whether the axis's values are numbers (integer or number), so they lie on a scale. */
  isNumeric(name) {
    return NUMERIC_TYPES.has(this.byName.get(name)?.type);
  }

  /** A value as text, lists joined with the published separator. */
  print(value) {
    return hyperparameter(value, this.listSeparator);
  }

  /**
   * Whether a config key means something to a trial of that model family: an axis of the other family does
   * not (an MLP's config holds convLayers as 0); keys outside the vocabulary do.
   */
  appliesTo(name, model) {
    const family = this.byName.get(name)?.model;
    return !family || !model || family === model;
  }

  /** A config's value as text: the axis's published label where the value is the default it names (trainSize 0: all). */
  printConfig(name, value) {
    const axis = this.byName.get(name);
    return axis?.defaultLabel != null && JSON.stringify(value) === JSON.stringify(axis.default)
      ? axis.defaultLabel
      : this.print(value);
  }
}
