// What a search's grid axes do: each trial's grid point (the values of the axes its search varies,
// as the user wrote them) grouped by value, ordered and described. The axes themselves come from
// the search (its `axes`, in grid order), their names and choices from the vocabulary.

/** A trial's value on one of its search's varying axes, as the user wrote it. */
export function gridValue(trial, axis) {
  return trial.gridPoint?.[axis];
}

/** A stable key for a value (lists compare by content). */
export function valueKey(value) {
  return JSON.stringify(value ?? null);
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

/**
 * The order of one published axis's values: a choice in the order the vocabulary lists the choices
 * (brick before funnel, sgd before adam), anything else as compareValues orders it.
 */
export function valueOrder(axis) {
  const choices = axis?.choices;
  if (!choices) return compareValues;
  const rank = (value) => (typeof value === 'string' ? choices.indexOf(value) : -1);
  return (a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return ra >= 0 && rb >= 0 ? ra - rb : compareValues(a, b);
  };
}

/** A short label for a trial: its grid point as name=value pairs, as the CLI prints it: "depth=2 width=32". */
export function describe(trial, axes, print) {
  return axes.map((axis) => `${axis}=${print(gridValue(trial, axis))}`).join(' ');
}
