// How numbers, times and hyperparameter values read on the dashboard.

/** A metric as a number: the event streams write a diverged trial's NaN as the string "NaN". */
export function num(value) {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isNaN(n) && value !== 'NaN' ? null : n;
}

export function percent(value, digits = 2) {
  const n = num(value);
  return n === null ? '—' : Number.isFinite(n) ? `${(n * 100).toFixed(digits)} %` : String(n);
}

export function fixed(value, digits = 4) {
  const n = num(value);
  return n === null ? '—' : Number.isFinite(n) ? n.toFixed(digits) : String(n);
}

export function integer(value) {
  const n = num(value);
  return n === null ? '—' : Math.round(n).toLocaleString('en-US');
}

/** Shortest readable form of a hyperparameter number: 0.001, 1e-5, 128. */
export function compact(value) {
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential().replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(6)));
}

/**
 * A hyperparameter value as text: lists joined with the vocabulary's list separator (256-128),
 * booleans as yes/no. Pages print through the vocabulary, which supplies the separator.
 */
export function hyperparameter(value, listSeparator) {
  if (Array.isArray(value)) return value.map((item) => hyperparameter(item, listSeparator)).join(listSeparator);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined) return '—';
  return compact(value);
}

export function duration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  const seconds = Math.floor(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${s} s`;
}

/** Milliseconds from start to end, or to now while it has not ended. */
export function elapsed(startIso, endIso, now = Date.now()) {
  if (!startIso) return null;
  const end = endIso ? Date.parse(endIso) : now;
  return Math.max(0, end - Date.parse(startIso));
}

export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function time(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}
