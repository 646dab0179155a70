// Demand against presence: per micro-beat, the incidents created there against the patrol presence it had, as a
// choropleth of incidents per presence hour (with its legend) over the vector base layers, and as a table.
import L from 'leaflet';
import { escapeHtml } from '../format.js';
import { getReport } from './http.js';
import { reportMap } from './maps.js';
import { periodQuery } from './period.js';
import { figure, table } from './tables.js';

// Five classes, light to dark (ColorBrewer YlOrRd); incidents with no presence at all are worse than any rate.
const palette = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
const unpatrolled = '#49006a';
const quiet = '#eceff1';

export class DemandReport {
  constructor(section) {
    this.section = section;
    this.form = section.querySelector('form.options');
    this.mapElement = section.querySelector('#demand-map');
    this.tables = section.querySelector('.tables');
  }

  params() {
    return {};
  }

  shown() {
    if (!this.view) {
      // The choropleth draws the beats: the plain beat layer starts switched off.
      this.view = reportMap(this.mapElement, { hidden: ['Beats'] });
      this.layer = L.featureGroup().addTo(this.view.map);
      this.legend = L.control({ position: 'bottomleft' });
      this.legend.onAdd = () => L.DomUtil.create('div', 'legend demand-legend');
      this.legend.addTo(this.view.map);
    } else {
      this.view.map.invalidateSize({ pan: false });
    }
  }

  async run(period, signal) {
    this.shown();
    const query = periodQuery(period);
    const [collection] = await Promise.all([getReport(`/api/reports/demand?${query}&format=geojson`, signal), this.view.ready]);
    this.form.querySelector('a.csv').href = `/api/reports/demand?${query}&format=csv`;
    const features = collection.features;
    const scale = classes(features.map((f) => f.properties.incidentsPerPresenceHour).filter(Number.isFinite));

    this.layer.clearLayers();
    L.geoJSON(collection, {
      // In the beats' pane: under the roads, priority locations and stations, which stay readable on top.
      pane: 'beats',
      style: (feature) => ({
        className: 'choropleth',
        color: '#37474f',
        weight: 1,
        fillColor: fill(feature.properties, scale),
        fillOpacity: 0.7,
      }),
      onEachFeature: (feature, layer) => {
        const p = feature.properties;
        layer.bindTooltip(`<strong>${escapeHtml(p.name)}</strong><br>${figure(p.incidents)} incidents · ${figure(p.presenceMinutes, 0)} presence minutes`
          + `<br>${Number.isFinite(p.incidentsPerPresenceHour) ? `${figure(p.incidentsPerPresenceHour, 2)} incidents per presence hour` : 'no presence'}`, { sticky: true });
        layer.on('add', () => {
          const element = layer.getElement();
          element?.setAttribute('data-beat', p.id);
          element?.setAttribute('data-fill', fill(p, scale));
        });
      },
    }).addTo(this.layer);
    const container = this.legend.getContainer();
    container.innerHTML = legend(scale);
    for (const swatch of container.querySelectorAll('i.swatch[data-swatch]')) swatch.style.setProperty('--swatch', swatch.dataset.swatch);
    const bounds = this.layer.getBounds();
    if (bounds.isValid()) this.view.map.fitBounds(bounds, { padding: [20, 20], animate: false });

    this.tables.replaceChildren(table({
      id: 'demand-table',
      columns: [
        { title: 'Beat', key: 'beat', value: (f) => f.properties.id },
        { title: 'Name', key: 'name', value: (f) => f.properties.name },
        { title: 'Incidents', key: 'incidents', value: (f) => f.properties.incidents, decimals: 0 },
        { title: 'Presence (min)', key: 'minutes', value: (f) => f.properties.presenceMinutes, decimals: 1 },
        { title: 'Incidents per presence hour', key: 'rate', value: (f) => f.properties.incidentsPerPresenceHour, decimals: 2 },
      ],
      rows: [...features].sort((a, b) => rank(b.properties) - rank(a.properties)),
      rowData: (f) => ({ beat: f.properties.id }),
      empty: 'The map has no micro-beats.',
    }));
  }
}

/** Equal-interval classes from 0 to the highest rate (one class when every rate is 0). */
function classes(rates) {
  const max = rates.length ? Math.max(...rates) : 0;
  if (max <= 0) return [{ from: 0, to: 0, colour: palette[0] }];
  const step = max / palette.length;
  return palette.map((colour, i) => ({ from: step * i, to: step * (i + 1), colour }));
}

function fill(properties, scale) {
  const rate = properties.incidentsPerPresenceHour;
  if (!Number.isFinite(rate)) return properties.incidents > 0 ? unpatrolled : quiet;
  return (scale.find((c) => rate <= c.to) ?? scale[scale.length - 1]).colour;
}

/** Beats most in need of patrol first: incidents with no presence, then the highest rate. */
function rank(properties) {
  if (Number.isFinite(properties.incidentsPerPresenceHour)) return properties.incidentsPerPresenceHour;
  return properties.incidents > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

function legend(scale) {
  // The colour goes in through the DOM below: the Content-Security-Policy refuses style attributes in markup.
  const swatch = (colour, text) => `<span><i class="swatch" data-swatch="${escapeHtml(colour)}"></i>${escapeHtml(text)}</span>`;
  return '<strong>Incidents per presence hour</strong>'
    + scale.map((c) => swatch(c.colour, c.to === 0 ? '0' : `${figure(c.from, 2)} – ${figure(c.to, 2)}`)).join('')
    + swatch(unpatrolled, 'Incidents, no presence')
    + swatch(quiet, 'No incidents, no presence');
}
