// Before and after: the presence of two periods side by side with the change in percent, the total on top, the way a
// force evaluates a pilot ("visits +266%").
import { barChart, colours } from './charts.js';
import { getReport } from './http.js';
import { fromLocalInput, parseInstant, periodBefore, periodQuery, toLocalInput } from './period.js';
import { change, figure, table } from './tables.js';

const when = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

export class CompareReport {
  constructor(section) {
    this.section = section;
    this.form = section.querySelector('form.options');
    this.canvas = section.querySelector('canvas');
    this.total = section.querySelector('#compare-total');
    this.tables = section.querySelector('.tables');
  }

  /** The before period typed in, or null to take the one just before the period shown. */
  before() {
    const from = fromLocalInput(this.form.elements.beforeFrom.value);
    const to = fromLocalInput(this.form.elements.beforeTo.value);
    return from && to ? { from, to } : null;
  }

  params() {
    const before = this.before();
    return {
      beforeFrom: before?.from.toISOString() ?? '',
      beforeTo: before?.to.toISOString() ?? '',
      compareKind: this.form.elements.compareKind.value,
    };
  }

  restore(search) {
    for (const name of ['beforeFrom', 'beforeTo']) {
      const instant = parseInstant(search.get(name));
      if (instant) this.form.elements[name].value = toLocalInput(instant);
    }
    if (search.has('compareKind')) this.form.elements.compareKind.value = search.get('compareKind');
  }

  async run(after, signal) {
    const before = this.before() ?? periodBefore(after);
    const kind = this.form.elements.compareKind.value;
    const query = `${periodQuery(before, 'before')}&${periodQuery(after, 'after')}${kind ? `&kind=${encodeURIComponent(kind)}` : ''}`;
    const report = await getReport(`/api/reports/presence/compare?${query}`, signal);
    this.form.querySelector('a.csv').href = `/api/reports/presence/compare?${query}&format=csv`;
    this.renderTotal(report.total, before, after);
    this.tables.replaceChildren(table({
      id: 'compare-table',
      columns: [
        { title: 'Area', key: 'area', value: (r) => r.areaName },
        { title: 'Kind', key: 'kind', value: (r) => (r.areaKind === 'location' ? 'priority location' : 'micro-beat') },
        { title: 'Visits before', key: 'visits-before', value: (r) => r.visitsBefore, decimals: 0 },
        { title: 'Visits after', key: 'visits-after', value: (r) => r.visitsAfter, decimals: 0 },
        { title: 'Change', key: 'visits-change', cell: (td, r) => changeCell(td, r.visitsChangePercent) },
        { title: 'Minutes before', key: 'minutes-before', value: (r) => r.minutesBefore, decimals: 1 },
        { title: 'Minutes after', key: 'minutes-after', value: (r) => r.minutesAfter, decimals: 1 },
        { title: 'Change', key: 'minutes-change', cell: (td, r) => changeCell(td, r.minutesChangePercent) },
      ],
      rows: report.rows,
      rowData: (r) => ({ area: r.areaId, kind: r.areaKind }),
    }));
    barChart(this.canvas, {
      labels: report.rows.map((r) => r.areaName),
      yTitle: 'Visits',
      datasets: [
        { label: 'Before', data: report.rows.map((r) => r.visitsBefore), backgroundColor: colours.before },
        { label: 'After', data: report.rows.map((r) => r.visitsAfter), backgroundColor: colours.after },
      ],
    });
  }

  renderTotal(total, before, after) {
    const block = (className, title, from, to, percent, decimals) => {
      const div = document.createElement('div');
      div.className = `figure ${className}`;
      div.dataset.change = percent === null || percent === undefined ? '' : String(percent);
      const headline = document.createElement('strong');
      headline.textContent = `${title} ${change(percent)}`;
      const detail = document.createElement('span');
      detail.textContent = `${figure(from, decimals)} → ${figure(to, decimals)}`;
      div.append(headline, detail);
      return div;
    };
    const periods = document.createElement('p');
    periods.className = 'periods';
    periods.textContent = `Before ${when.format(before.from)} – ${when.format(before.to)} · after ${when.format(after.from)} – ${when.format(after.to)}`;
    this.total.replaceChildren(
      block('visits', 'Visits', total.visitsBefore, total.visitsAfter, total.visitsChangePercent, 0),
      block('minutes', 'Presence', total.minutesBefore, total.minutesAfter, total.minutesChangePercent, 1),
      periods,
    );
  }
}

function changeCell(td, percent) {
  td.classList.add('number', 'change');
  if (Number.isFinite(percent)) td.classList.add(percent > 0 ? 'up' : percent < 0 ? 'down' : 'same');
  td.textContent = change(percent);
}
