// A report's map: the same vector base layers as the live map (beats, priority locations, roads, stations from the
// server; no tiles), created the first time its report is shown, since Leaflet needs a visible box to size itself.
import L from 'leaflet';
import { createPanes, loadBaseLayers } from '../baseLayers.js';

/**
 * A Leaflet map in the element, with the base layers and a layer control; `hidden` names base layers that start
 * switched off (they stay in the control). `ready` resolves once the base layers are drawn.
 */
export function reportMap(element, { hidden = [], overlays = {} } = {}) {
  const map = L.map(element, { attributionControl: false, minZoom: 8, maxZoom: 19 });
  // Until the base layers say where the force is: Leicester, where the demo force area lies.
  map.setView([52.6362, -1.1337], 13);
  createPanes(map);
  map.createPane('report').style.zIndex = '390';
  const ready = loadBaseLayers(map).then(({ layers, bounds }) => {
    for (const name of hidden) map.removeLayer(layers[name]);
    L.control.layers(null, { ...layers, ...overlays }, { collapsed: true, position: 'topright' }).addTo(map);
    element.dataset.baseLayers = 'loaded';
    return bounds;
  }).catch((error) => {
    console.error('Base layers not loaded', error);
    element.dataset.baseLayers = 'failed';
    return L.latLngBounds([]);
  });
  return { map, ready };
}
