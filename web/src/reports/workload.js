// Self-deployment and multiple deployment per unit and team, the incidents attended per unit and officer on each
// shift, and per team the Gini coefficient of its officers' counts (chart and table).
import { barChart, colours } from './charts.js';
import { getReport } from './http.js';
import { periodQuery } from './period.js';
import { askPurpose } from './purpose.js';
import { csvLink, heading, table } from './tables.js';

export class WorkloadReport {
  constructor(section) {
    this.section = section;
    this.canvas = section.querySelector('canvas');
    this.tables = section.querySelector('.tables');
  }

  params() {
    return {};
  }

  async run(period, signal) {
    const purpose = await askPurpose('the incidents each officer attended');
    if (!purpose) {
      this.tables.replaceChildren();
      return 'Not shown: the per-officer workload needs a stated purpose, which the audit log records.';
    }
    const query = periodQuery(period);
    const audited = `${query}&purpose=${encodeURIComponent(purpose)}`;
    const [deployments, workload] = await Promise.all([
      getReport(`/api/reports/deployments?${query}`, signal),
      getReport(`/api/reports/workload?${audited}`, signal),
    ]);

    barChart(this.canvas, {
      labels: workload.teams.map((t) => t.team),
      yTitle: 'Gini coefficient (0 = evenly shared)',
      yMax: 1,
      datasets: [{ label: 'Gini of the officers\' incidents', data: workload.teams.map((t) => t.gini), backgroundColor: colours.gini }],
    });

    const section = (title, csv, element) => {
      const h = heading(title);
      h.append(' ', csvLink(csv));
      return [h, element];
    };
    this.tables.replaceChildren(
      ...section('Teams: how evenly the officers shared the work', `/api/reports/workload?${audited}&format=csv&part=teams`, table({
        id: 'workload-teams',
        columns: [
          { title: 'Team', key: 'team', value: (r) => r.team },
          { title: 'Officers on shift', key: 'officers', value: (r) => r.officers, decimals: 0 },
          { title: 'Incidents attended', key: 'attended', value: (r) => r.attended, decimals: 0 },
          { title: 'Gini', key: 'gini', value: (r) => r.gini, decimals: 2 },
        ],
        rows: workload.teams,
        rowData: (r) => ({ team: r.team }),
      })),
      ...section('Self-deployment and multiple deployment', `/api/reports/deployments?${query}&format=csv`, table({
        id: 'deployments',
        columns: [
          { title: 'Unit or team', key: 'by', value: (r) => r.by },
          { title: 'Id', key: 'id', value: (r) => r.id },
          { title: 'Attended', key: 'attended', value: (r) => r.attended, decimals: 0 },
          { title: 'Self-deployed', key: 'self', value: (r) => r.selfDeployed, decimals: 0 },
          { title: 'Multiple deployments', key: 'multiple', value: (r) => r.multipleDeployments, decimals: 0 },
        ],
        rows: deployments.rows,
        rowData: (r) => ({ by: r.by, id: r.id }),
      })),
      ...section('Incidents attended per shift', `/api/reports/workload?${audited}&format=csv&part=shifts`, table({
        id: 'workload-shifts',
        columns: [
          { title: 'Shift', key: 'shift', value: (r) => r.shift },
          { title: 'Unit or officer', key: 'by', value: (r) => r.by },
          { title: 'Id', key: 'id', value: (r) => r.id },
          { title: 'Team', key: 'team', value: (r) => r.team },
          { title: 'Attended', key: 'attended', value: (r) => r.attended, decimals: 0 },
        ],
        rows: workload.rows,
        rowData: (r) => ({ shift: r.shift, by: r.by, id: r.id }),
      })),
    );
  }
}
