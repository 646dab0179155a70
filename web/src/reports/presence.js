// Patrol presence against targets: a table per kind of area, a row per area (and group), the status as a coloured
// cell, and a bar chart of visits (or minutes) against target per location.
import { barChart, colours } from './charts.js';
import { getReport } from './http.js';
import { periodQuery } from './period.js';
import { heading, statusCell, table } from './tables.js';

const groupTitles = { day: 'Day', shift: 'Shift', team: 'Team', unit: 'Unit', mode: 'Vehicle or foot' };

export class PresenceReport {
  constructor(section) {
    this.section = section;
    this.form = section.querySelector('form.options');
    this.canvas = section.querySelector('canvas');
    this.tables = section.querySelector('.tables');
    this.rows = [];
  }

  /** The report's own options, as they go into the page's address. */
  params() {
    return { by: this.form.elements.by.value, kind: this.form.elements.kind.value, measure: this.form.elements.measure.value };
  }

  /** Redraws only the chart when the measure changes; anything else asks the server again. */
  redrawsOnly(name) {
    return name === 'measure' && this.rows.length > 0;
  }

  async run(period, signal) {
    const { by, kind } = this.params();
    const query = `${periodQuery(period)}&by=${encodeURIComponent(by)}${kind ? `&kind=${encodeURIComponent(kind)}` : ''}`;
    const report = await getReport(`/api/reports/presence?${query}`, signal);
    this.form.querySelector('a.csv').href = `/api/reports/presence?${query}&format=csv`;
    this.rows = report.rows;
    this.renderTables(by);
    this.redraw();
  }

  renderTables(by) {
    const grouped = by !== 'none';
    const columns = [
      { title: 'Area', key: 'area', value: (r) => r.areaName },
      ...(grouped ? [{ title: groupTitles[by] ?? 'Group', key: 'group', value: (r) => r.group }] : []),
      { title: 'Visits', key: 'visits', value: (r) => r.visits, decimals: 0 },
      { title: 'Passes', key: 'passes', value: (r) => r.passes, decimals: 0 },
      { title: 'Presence (min)', key: 'minutes', value: (r) => r.presenceMinutes, decimals: 1 },
      { title: 'Target visits', key: 'target-visits', value: (r) => r.targetVisits, decimals: 1 },
      { title: 'Target minutes', key: 'target-minutes', value: (r) => r.targetMinutes, decimals: 1 },
      { title: 'Status', key: 'status', cell: (td, r) => statusCell(td, r.status) },
    ];
    const rowData = (r) => ({ area: r.areaId, kind: r.areaKind, group: r.group });
    this.tables.replaceChildren();
    for (const [kind, title] of [['location', 'Priority locations'], ['beat', 'Micro-beats']]) {
      const rows = this.rows.filter((r) => r.areaKind === kind);
      if (rows.length === 0) continue;
      this.tables.append(heading(title), table({ id: `presence-${kind}s`, columns, rows, rowData }));
    }
    if (this.tables.childElementCount === 0) {
      this.tables.append(heading('Areas'), table({ columns, rows: [], empty: 'The map has no such areas.' }));
    }
  }

  /** Per area (summed over the groups), the measure as a bar coloured by its status, beside its target in grey. */
  redraw() {
    const minutes = this.params().measure === 'minutes';
    // Priority locations are what has targets; with only beats asked for, the beats.
    const kind = this.rows.some((r) => r.areaKind === 'location') ? 'location' : 'beat';
    const areas = new Map();
    for (const row of this.rows.filter((r) => r.areaKind === kind)) {
      const area = areas.get(row.areaId) ?? { name: row.areaName, value: 0, target: null, statuses: new Set() };
      area.value += minutes ? row.presenceMinutes : row.visits;
      const target = minutes ? row.targetMinutes : row.targetVisits;
      if (target !== null && target !== undefined) area.target = (area.target ?? 0) + target;
      area.statuses.add(row.status);
      areas.set(row.areaId, area);
    }
    const list = [...areas.values()];
    // A bar is as bad as the worst of its groups.
    const worst = (statuses) => ['red', 'amber', 'green'].find((s) => statuses.has(s)) ?? 'none';
    barChart(this.canvas, {
      labels: list.map((a) => a.name),
      yTitle: minutes ? 'Presence minutes' : 'Visits',
      datasets: [
        { label: minutes ? 'Presence minutes' : 'Visits', data: list.map((a) => a.value), backgroundColor: list.map((a) => colours[worst(a.statuses)]) },
        { label: 'Target', data: list.map((a) => a.target), backgroundColor: colours.target },
      ],
    });
  }
}
