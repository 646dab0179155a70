// The map under the live layers, drawn as vectors from the server (no tiles): beats and priority locations
// (/api/locations), water (/api/map/water), roads (/api/map/roads) and stations (/api/map/stations).
import L from './leaflet-global.js';
import { getJson } from './api.js';
import { escapeHtml } from './format.js';

// Line widths by OpenStreetMap class: main roads stand out, service roads barely show.
const roadWidths = {
  motorway: 5, trunk: 4, primary: 3.5, secondary: 3, tertiary: 2.5,
  unclassified: 1.5, residential: 1.5, living_street: 1, service: 1,
};

/** Creates the panes that keep areas under water, water under roads (bridges cross it), and roads under everything that moves. */
export function createPanes(map) {
  for (const [name, zIndex] of [['beats', 350], ['water', 355], ['roads', 360], ['locations', 370], ['stations', 380]]) {
    map.createPane(name).style.zIndex = String(zIndex);
  }
}

/**
 * Fetches and draws the base layers; resolves to { layers: {name: layer}, bounds, stationNames: Map(id → name) } once
 * all are on the map. Each layer's SVG paths carry a class (beat, location, water water-{surface|line},
 * road road-{highway}) and stations a marker with data-station.
 */
export async function loadBaseLayers(map) {
  const [areas, roads, stations, water] = await Promise.all([
    getJson('/api/locations'),
    getJson('/api/map/roads'),
    getJson('/api/map/stations'),
    getJson('/api/map/water'),
  ]);

  const beatFeatures = areas.features.filter((f) => f.properties.kind === 'beat');
  const locationFeatures = areas.features.filter((f) => f.properties.kind === 'location');

  const beats = L.geoJSON({ type: 'FeatureCollection', features: beatFeatures }, {
    pane: 'beats',
    style: () => ({ className: 'beat', color: '#5c6bc0', weight: 1, opacity: 0.6, fillColor: '#c5cae9', fillOpacity: 0.12 }),
    onEachFeature: (feature, layer) => layer.bindTooltip(tooltip(feature.properties.name, feature.properties.team), { sticky: true }),
  });

  // A surface is filled; a centre line (a river narrower than the map can show) is only drawn.
  const waterLayer = L.geoJSON(water, {
    pane: 'water',
    interactive: false,
    style: (feature) => (isSurface(feature)
      ? { className: 'water water-surface', color: '#4f8fc6', weight: 1, opacity: 0.9, fillColor: '#9ecae9', fillOpacity: 0.8 }
      : { className: 'water water-line', color: '#4f8fc6', weight: 3, opacity: 0.9 }),
  });

  const roadLayer = L.geoJSON(roads, {
    pane: 'roads',
    interactive: false,
    style: (feature) => ({
      className: `road road-${feature.properties.highway}`,
      color: feature.properties.highway === 'motorway' ? '#1565c0' : '#757575',
      weight: roadWidths[feature.properties.highway] ?? 1,
      opacity: 0.8,
    }),
  });

  const locations = L.geoJSON({ type: 'FeatureCollection', features: locationFeatures }, {
    pane: 'locations',
    style: () => ({ className: 'location', color: '#ef6c00', weight: 1.5, fillColor: '#ffb74d', fillOpacity: 0.25 }),
    // A point location is a circle of its radius in metres.
    pointToLayer: (feature, latlng) => L.circle(latlng, { radius: feature.properties.radius ?? 25, pane: 'locations' }),
    onEachFeature: (feature, layer) => layer.bindTooltip(tooltip(feature.properties.name, 'Priority location'), { sticky: true }),
  });

  const stationLayer = L.geoJSON(stations, {
    pointToLayer: (feature, latlng) => L.marker(latlng, {
      pane: 'stations',
      keyboard: false,
      icon: L.divIcon({
        className: 'station-icon',
        html: `<div class="station" data-station="${escapeHtml(feature.properties.id)}">P</div>`,
        iconSize: [18, 18],
        iconAnchor: [9, 9],
      }),
    }).bindTooltip(escapeHtml(feature.properties.name)),
  });

  const layers = { Beats: beats, Water: waterLayer, Roads: roadLayer, 'Priority locations': locations, Stations: stationLayer };
  for (const layer of Object.values(layers)) layer.addTo(map);

  // Water only decorates: a river running on past the force area must not widen the view of it.
  const bounds = L.latLngBounds([]);
  for (const layer of [beats, roadLayer, locations, stationLayer]) {
    const b = layer.getBounds();
    if (b.isValid()) bounds.extend(b);
  }
  const stationNames = new Map(stations.features.map((f) => [f.properties.id, f.properties.name]));
  return { layers, bounds, stationNames };
}

function isSurface(feature) {
  return feature.geometry?.type === 'Polygon' || feature.geometry?.type === 'MultiPolygon';
}

function tooltip(title, detail) {
  return `<strong>${escapeHtml(title)}</strong>${detail ? `<br>${escapeHtml(detail)}` : ''}`;
}
