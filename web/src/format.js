// How times, distances and durations read on the dispatcher's screen.

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** HH:MM:SS in the browser's time zone, or '–' for no time. */
export function timeOfDay(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '–' : clock.format(date);
}

/** An estimated time to arrive in whole minutes, as a dispatcher says it. */
export function etaMinutes(seconds) {
  if (!Number.isFinite(seconds)) return '–';
  return seconds < 60 ? '< 1 min' : `${Math.round(seconds / 60)} min`;
}

/** Metres as kilometres with one decimal, or metres below one kilometre. */
export function distance(metres) {
  if (!Number.isFinite(metres)) return '–';
  return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(1)} km`;
}

/** m/s as km/h. */
export function speed(metresPerSecond) {
  return Number.isFinite(metresPerSecond) ? `${Math.round(metresPerSecond * 3.6)} km/h` : '–';
}

const statusNames = {
  available: 'Available',
  assigned: 'Assigned',
  atScene: 'At scene',
  unavailable: 'Unavailable',
  offDuty: 'Off duty',
  device: 'No unit',
};

export function statusName(status) {
  return statusNames[status] ?? status;
}

const unitTypeNames = {
  responseCar: 'response car',
  armedResponseVehicle: 'armed response vehicle',
  van: 'van',
  dogUnit: 'dog unit',
  motorcycle: 'motorcycle',
  footPatrol: 'foot patrol',
  pcso: 'PCSO',
};

export function unitType(type) {
  return unitTypeNames[type] ?? type ?? '';
}

export const gradeNames = { 1: 'Grade 1 · emergency', 2: 'Grade 2 · priority', 3: 'Grade 3 · scheduled' };

/** Text made safe to put inside HTML. */
export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
