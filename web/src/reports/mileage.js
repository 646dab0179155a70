// Mileage and utilisation: a row per vehicle per local day, the under-used vehicles, and per vehicle a stacked bar of
// the hours it was moving, idling and parked over the period.
import { barChart, colours } from './charts.js';
import { getReport } from './http.js';
import { periodQuery } from './period.js';
import { heading, table } from './tables.js';

export class MileageReport {
  constructor(section) {
    this.section = section;
    this.form = section.querySelector('form.options');
    this.canvas = section.querySelector('canvas');
    this.tables = section.querySelector('.tables');
  }

  params() {
    return { underUsedBelow: this.form.elements.underUsedBelow.value };
  }

  async run(period, signal) {
    const below = Number(this.form.elements.underUsedBelow.value);
    const query = `${periodQuery(period)}${Number.isFinite(below) && this.form.elements.underUsedBelow.value !== '' ? `&underUsedBelow=${below}` : ''}`;
    const report = await getReport(`/api/reports/mileage?${query}`, signal);
    this.form.querySelector('a.csv').href = `/api/reports/mileage?${query}&format=csv`;

    const vehicles = new Map();
    for (const day of report.days) {
      const v = vehicles.get(day.vehicle) ?? { label: day.name ? `${day.name} (${day.vehicle})` : day.vehicle, moving: 0, idling: 0, parked: 0 };
      v.moving += day.movingHours;
      v.idling += day.idlingHours;
      v.parked += day.parkedHours;
      vehicles.set(day.vehicle, v);
    }
    const list = [...vehicles.values()];
    barChart(this.canvas, {
      labels: list.map((v) => v.label),
      stacked: true,
      yTitle: 'Hours',
      datasets: [
        { label: 'Moving', data: list.map((v) => v.moving), backgroundColor: colours.moving },
        { label: 'Idling', data: list.map((v) => v.idling), backgroundColor: colours.idling },
        { label: 'Parked', data: list.map((v) => v.parked), backgroundColor: colours.parked },
      ],
    });

    this.tables.replaceChildren(
      heading(`Under-used vehicles: moving under ${this.form.elements.underUsedBelow.value || 1} h a day on average`),
      table({
        id: 'under-used',
        columns: [
          { title: 'Vehicle', key: 'vehicle', value: (r) => r.vehicle },
          { title: 'Name', key: 'name', value: (r) => r.name },
          { title: 'Moving (h a day)', key: 'moving-per-day', value: (r) => r.movingHoursPerDay, decimals: 2 },
          { title: 'Distance (km)', key: 'km', value: (r) => r.distanceKm, decimals: 1 },
          { title: 'Shifts', key: 'shifts', value: (r) => r.shiftsUsed, decimals: 0 },
        ],
        rows: report.underUsed,
        rowData: (r) => ({ vehicle: r.vehicle }),
        empty: 'Every vehicle was used enough.',
      }),
      heading('Per vehicle per day'),
      table({
        id: 'mileage-days',
        columns: [
          { title: 'Vehicle', key: 'vehicle', value: (r) => r.vehicle },
          { title: 'Name', key: 'name', value: (r) => r.name },
          { title: 'Day', key: 'day', value: (r) => r.day },
          { title: 'Distance (km)', key: 'km', value: (r) => r.distanceKm, decimals: 1 },
          { title: 'Moving (h)', key: 'moving', value: (r) => r.movingHours, decimals: 2 },
          { title: 'Idling (h)', key: 'idling', value: (r) => r.idlingHours, decimals: 2 },
          { title: 'Parked (h)', key: 'parked', value: (r) => r.parkedHours, decimals: 2 },
          { title: 'Shifts', key: 'shifts', value: (r) => r.shiftsUsed, decimals: 0 },
        ],
        rows: report.days,
        rowData: (r) => ({ vehicle: r.vehicle, day: r.day }),
        empty: 'No vehicle tracker reported in this period.',
      }),
    );
  }
}
