// Periods as the supervisor types them (local date and time in the browser, which in a force is Europe/London)
// and as the reports take them (ISO 8601 instants in UTC).

/** A Date as the value of an <input type="datetime-local">: local YYYY-MM-DDTHH:MM. */
export function toLocalInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a datetime-local value names in the browser's zone, or null when it is empty or not a time. */
export function fromLocalInput(value) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An ISO instant (as in a link) as a Date, or null. */
export function parseInstant(text) {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The default period: the last 7 whole local days, from midnight a week ago to midnight this morning
 * (today is not over, so its figures would read short against the daily targets).
 */
export function lastSevenDays(now = new Date()) {
  const to = new Date(now);
  to.setHours(0, 0, 0, 0);
  const from = new Date(to);
  // setDate works in local days: across a clock change the period is still 7 local days.
  from.setDate(from.getDate() - 7);
  return { from, to };
}

/** The period of the same length that ends where the given one starts. */
export function periodBefore({ from, to }) {
  const length = to.getTime() - from.getTime();
  return { from: new Date(from.getTime() - length), to: new Date(from) };
}

/** Query parameters for a period: `{prefix}from` and `{prefix}to` (the names are camel-cased after a prefix). */
export function periodQuery({ from, to }, prefix = '') {
  const name = (n) => (prefix ? prefix + n[0].toUpperCase() + n.slice(1) : n);
  return `${name('from')}=${encodeURIComponent(from.toISOString())}&${name('to')}=${encodeURIComponent(to.toISOString())}`;
}
