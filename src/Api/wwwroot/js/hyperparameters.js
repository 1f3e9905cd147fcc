// A search's grid axes, recovered from its trials' resolved configs: an axis varies when its value
// differs between trials. Depth, width and shape come back from the hidden-layer widths (the first
// hidden layer always has the grid's width), so the analysis speaks in the definition's own terms.

import { num } from './format.js';

/** The axes in the order of the API's axis catalog (the grid's expansion order). */
const AXES = [
  'depth', 'width', 'shape', 'architecture',
  'convLayers', 'filters', 'kernelSize', 'denseUnits',
  'activation', 'batchNorm', 'dropout', 'initializer',
  'optimizer', 'learningRate', 'weightDecay', 'batchSize', 'epochs', 'valSplit', 'trainSize',
  'patience', 'minDelta', 'monitor', 'lrSchedule', 'lrFactor', 'lrStep', 'lrMin', 'augment',
];

/** The value of every axis a definition can name, for one trial's config. */
export function axisValues(config) {
  const values = {};
  const isCnn = config.model === 'cnn';
  if (!isCnn) {
    const layers = config.hiddenLayers ?? [];
    if (config.shape === 'explicit') {
      values.architecture = layers;
    } else {
      values.depth = layers.length;
      values.width = layers[0];
      values.shape = config.shape;
    }
  } else {
    for (const name of ['convLayers', 'filters', 'kernelSize', 'denseUnits']) values[name] = config[name];
  }
  const activations = config.activations ?? [];
  values.activation = activations.every((a) => a === activations[0]) ? activations[0] : activations;
  for (const name of AXES) {
    if (!(name in values) && name in config && !['depth', 'width', 'shape', 'architecture'].includes(name)) {
      values[name] = config[name];
    }
  }
  return values;
}

/** A stable key for a value (lists compare by content). */
export function valueKey(value) {
  return JSON.stringify(value ?? null);
}

/** The axes whose value differs between the given trials, in catalog order. */
export function varyingAxes(trials) {
  const seen = new Map();
  for (const trial of trials) {
    const values = axisValues(trial.config);
    for (const [name, value] of Object.entries(values)) {
      if (!seen.has(name)) seen.set(name, new Set());
      seen.get(name).add(valueKey(value));
    }
  }
  return AXES.filter((name) => (seen.get(name)?.size ?? 0) > 1);
}

/** Orders axis values: numbers ascending, lists by length then content, text alphabetically. */
export function compareValues(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return a.length - b.length;
    for (let i = 0; i < a.length; i += 1) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c;
    }
    return 0;
  }
  return String(a).localeCompare(String(b));
}

/** Per axis value: trials, succeeded trials, mean and best test accuracy (what Talos's Analyze shows). */
export function axisSummary(trials, axis) {
  const groups = new Map();
  for (const trial of trials) {
    const value = axisValues(trial.config)[axis];
    const key = valueKey(value);
    if (!groups.has(key)) groups.set(key, { value, trials: 0, accuracies: [], best: null });
    const group = groups.get(key);
    group.trials += 1;
    const accuracy = trial.status === 'succeeded' ? num(trial.result?.testAccuracy) : null;
    if (accuracy !== null && Number.isFinite(accuracy)) {
      group.accuracies.push(accuracy);
      if (!group.best || accuracy > group.best.accuracy) group.best = { accuracy, trial };
    }
  }
  return [...groups.values()]
    .map((g) => ({
      value: g.value,
      trials: g.trials,
      succeeded: g.accuracies.length,
      mean: g.accuracies.length ? g.accuracies.reduce((x, y) => x + y, 0) / g.accuracies.length : null,
      best: g.best,
    }))
    .sort((a, b) => compareValues(a.value, b.value));
}

/** A short label for a trial: its varying axes, e.g. "depth 2 · width 32". */
export function describe(trial, axes, format) {
  const values = axisValues(trial.config);
  return axes.map((axis) => `${axis} ${format(values[axis])}`).join(' · ');
}
