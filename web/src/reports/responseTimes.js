// Response times: median and 90th percentile minutes per grade (chart and table), per grade and station and per grade
// and beat (tables), the share within target and the incidents that missed it.
import { gradeNames } from '../format.js';
import { barChart, colours } from './charts.js';
import { getReport } from './http.js';
import { periodQuery } from './period.js';
import { heading, share, table } from './tables.js';

export class ResponseTimesReport {
  constructor(section) {
    this.section = section;
    this.form = section.querySelector('form.options');
    this.canvas = section.querySelector('canvas');
    this.tables = section.querySelector('.tables');
  }

  params() {
    return {};
  }

  async run(period, signal) {
    const query = periodQuery(period);
    const report = await getReport(`/api/reports/response-times?${query}`, signal);
    this.form.querySelector('a.csv').href = `/api/reports/response-times?${query}&format=csv`;
    const grades = report.rows.filter((r) => r.by === 'grade');
    barChart(this.canvas, {
      labels: grades.map((r) => gradeNames[r.grade] ?? `Grade ${r.grade}`),
      yTitle: 'Minutes to the first unit at the scene',
      datasets: [
        { label: 'Median', data: grades.map((r) => r.medianMinutes), backgroundColor: colours.median },
        { label: '90th percentile', data: grades.map((r) => r.percentile90Minutes), backgroundColor: colours.percentile90 },
      ],
    });

    const columns = (groupTitle) => [
      { title: 'Grade', key: 'grade', value: (r) => r.grade },
      ...(groupTitle ? [{ title: groupTitle, key: 'group', value: (r) => r.group ?? '(none)' }] : []),
      { title: 'Incidents', key: 'incidents', value: (r) => r.incidents, decimals: 0 },
      { title: 'Attended', key: 'attended', value: (r) => r.attended, decimals: 0 },
      { title: 'Median (min)', key: 'median', value: (r) => r.medianMinutes, decimals: 1 },
      { title: '90th percentile (min)', key: 'p90', value: (r) => r.percentile90Minutes, decimals: 1 },
      { title: 'Within target', key: 'within', cell: (td, r) => { td.classList.add('number'); td.textContent = share(r.withinTarget); } },
      { title: 'Missed the target', key: 'missed', cell: (td, r) => { td.classList.add('missed'); td.textContent = r.missed.join(', '); } },
    ];
    const rowData = (r) => ({ grade: r.grade, by: r.by, group: r.group });
    this.tables.replaceChildren(
      heading('By grade'),
      table({ id: 'response-grades', columns: columns(null), rows: grades, rowData, empty: 'No incident in this period.' }),
      heading('By grade and station'),
      table({ id: 'response-stations', columns: columns('Station'), rows: report.rows.filter((r) => r.by === 'station'), rowData }),
      heading('By grade and beat'),
      table({ id: 'response-beats', columns: columns('Beat'), rows: report.rows.filter((r) => r.by === 'beat'), rowData }),
    );
  }
}
