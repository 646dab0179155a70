// Bar charts with Chart.js, bundled from npm (only the parts the reports use). No animation: a report is read, not
// watched, and a chart drawn at once is what a screenshot or a printout shows.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif';
Chart.defaults.color = '#37474f';

export const colours = {
  red: '#d32f2f',
  amber: '#ffa000',
  green: '#2e7d32',
  none: '#5c6bc0',
  target: '#b0bec5',
  before: '#90a4ae',
  after: '#1565c0',
  moving: '#2e7d32',
  idling: '#ffa000',
  parked: '#78909c',
  median: '#1565c0',
  percentile90: '#8e24aa',
  gini: '#00838f',
};

// Marks the canvas once the chart is on it: data-drawn holds how many bars it shows.
const drawnMarker = {
  id: 'drawnMarker',
  afterRender(chart) {
    const bars = chart.data.datasets.reduce((sum, dataset, index) => sum + (chart.isDatasetVisible(index) ? dataset.data.filter((v) => v !== null).length : 0), 0);
    chart.canvas.dataset.drawn = String(bars);
  },
};

/**
 * Draws a bar chart on the canvas, replacing any chart already there.
 * datasets: Chart.js datasets ({ label, data, backgroundColor }); `stacked` stacks them; `yTitle` names the axis.
 */
export function barChart(canvas, { labels, datasets, stacked = false, yTitle, yMax }) {
  Chart.getChart(canvas)?.destroy();
  delete canvas.dataset.drawn;
  return new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { stacked },
        y: { stacked, beginAtZero: true, max: yMax, title: { display: Boolean(yTitle), text: yTitle } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
    plugins: [drawnMarker],
  });
}
