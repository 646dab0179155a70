// The supervisors' page: a period, the report chosen, and the report drawn from the server's REST reports. The period,
// the report and its options are kept in the page's address, so a report can be bookmarked or sent as a link.
import 'leaflet/dist/leaflet.css';
import '../style.css';
import '../reports.css';
import { CompareReport } from './compare.js';
import { DemandReport } from './demand.js';
import { MileageReport } from './mileage.js';
import { fromLocalInput, lastSevenDays, parseInstant, toLocalInput } from './period.js';
import { PresenceReport } from './presence.js';
import { ReplayReport } from './replay.js';
import { startSession } from '../session.js';
import { ResponseTimesReport } from './responseTimes.js';
import { WorkloadReport } from './workload.js';

startSession(document.getElementById('top-bar')).catch((error) => console.warn('Session not loaded', error));

const reports = {
  presence: new PresenceReport(document.getElementById('report-presence')),
  compare: new CompareReport(document.getElementById('report-compare')),
  replay: new ReplayReport(document.getElementById('report-replay')),
  mileage: new MileageReport(document.getElementById('report-mileage')),
  response: new ResponseTimesReport(document.getElementById('report-response')),
  workload: new WorkloadReport(document.getElementById('report-workload')),
  demand: new DemandReport(document.getElementById('report-demand')),
};
const periodForm = document.getElementById('period');
const tabs = document.getElementById('report-tabs');

let active = null;
let request = null;

/** The period in the form, or null (with the form saying why) when it is not one. */
function period() {
  const from = fromLocalInput(periodForm.elements.from.value);
  const to = fromLocalInput(periodForm.elements.to.value);
  periodForm.elements.to.setCustomValidity(from && to && from >= to ? 'The end must be after the start.' : '');
  return from && to && from < to ? { from, to } : null;
}

/** Fills the form and the reports' options from the address; what it does not say takes its default. */
function restore() {
  const search = new URLSearchParams(window.location.search);
  const defaults = lastSevenDays();
  periodForm.elements.from.value = toLocalInput(parseInstant(search.get('from')) ?? defaults.from);
  periodForm.elements.to.value = toLocalInput(parseInstant(search.get('to')) ?? defaults.to);
  for (const report of Object.values(reports)) {
    if (report.restore) {
      report.restore(search);
      continue;
    }
    const form = report.section.querySelector('form.options');
    for (const name of Object.keys(report.params())) {
      if (search.has(name) && form?.elements[name]) form.elements[name].value = search.get(name);
    }
  }
  return search.get('report') in reports ? search.get('report') : 'presence';
}

function remember(name, shown) {
  const search = new URLSearchParams({ report: name, from: shown.from.toISOString(), to: shown.to.toISOString() });
  for (const [key, value] of Object.entries(reports[name].params())) {
    if (value !== '' && value !== null && value !== undefined) search.set(key, value);
  }
  window.history.replaceState(null, '', `${window.location.pathname}?${search}`);
}

function select(name) {
  active = name;
  for (const tab of tabs.querySelectorAll('[data-report]')) {
    const selected = tab.dataset.report === name;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  for (const [key, report] of Object.entries(reports)) report.section.hidden = key !== name;
  reports[name].shown?.();
  document.body.dataset.report = name;
  return run();
}

/** Asks the server for the active report over the period; a newer request cancels this one. */
async function run() {
  const name = active;
  const report = reports[name];
  const message = report.section.querySelector('.message');
  const shown = period();
  if (!shown) {
    periodForm.reportValidity();
    return;
  }

  request?.abort();
  const controller = new AbortController();
  request = controller;
  // Runs of this report: only the latest may leave its mark on the section.
  const generation = (report.generation = (report.generation ?? 0) + 1);
  remember(name, shown);
  report.section.dataset.state = 'loading';
  report.section.setAttribute('aria-busy', 'true');
  message.textContent = 'Loading…';
  message.classList.remove('error');
  try {
    const note = await report.run(shown, controller.signal);
    if (controller.signal.aborted) return;
    message.textContent = note ?? '';
    report.section.dataset.state = 'loaded';
  } catch (error) {
    if (controller.signal.aborted) return;
    console.warn(`Report ${name} not loaded`, error);
    message.textContent = `Not loaded: ${error.message}`;
    message.classList.add('error');
    report.section.dataset.state = 'failed';
  } finally {
    if (request === controller) request = null;
    if (report.generation === generation) {
      report.section.removeAttribute('aria-busy');
      // Cancelled for another report: left as not shown yet, and asked again when its tab is chosen.
      if (controller.signal.aborted) delete report.section.dataset.state;
    }
  }
}

periodForm.addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});

tabs.addEventListener('click', (event) => {
  const tab = event.target.closest('[data-report]');
  if (tab && tab.dataset.report !== active) select(tab.dataset.report);
});
// Arrow keys move between the tabs, as in any tab list.
tabs.addEventListener('keydown', (event) => {
  const list = [...tabs.querySelectorAll('[data-report]')];
  const index = list.findIndex((t) => t.dataset.report === active);
  const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
  if (!step) return;
  const next = list[(index + step + list.length) % list.length];
  next.focus();
  select(next.dataset.report);
});

for (const [name, report] of Object.entries(reports)) {
  const form = report.section.querySelector('form.options');
  if (!form) continue;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  // A choice takes effect at once; a typed id waits for its form to be submitted.
  form.addEventListener('change', (event) => {
    if (name !== active || !(event.target instanceof HTMLSelectElement || event.target.type === 'number' || event.target.type === 'datetime-local')) return;
    if (report.redrawsOnly?.(event.target.name)) {
      report.redraw?.();
      const shown = period();
      if (shown) remember(name, shown);
      return;
    }
    run();
  });
}

select(restore());
