// The control room's live map: base layers drawn from the server, units, incidents and alarms pushed by the hub.
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import './style.css';
import L from './leaflet-global.js';
import { AlarmBanner } from './alarms.js';
import { createPanes, loadBaseLayers } from './baseLayers.js';
import { FrameClock } from './clock.js';
import { Dispatcher } from './dispatcher.js';
import { escapeHtml, statusName, timeOfDay } from './format.js';
import { IncidentLayer } from './incidents.js';
import { IncidentPanel, renderIncidentList } from './incidentPanel.js';
import { connectLive } from './live.js';
import { startSession } from './session.js';
import { UnitLayer } from './units.js';
import { ViewPicker } from './viewPicker.js';

const DispatchLogLength = 8;

startSession(document.getElementById('top-bar')).catch((error) => console.warn('Session not loaded', error));

const map = L.map('map', { zoomControl: true, preferCanvas: false, attributionControl: false, minZoom: 8, maxZoom: 19 });
// Until the base layers say where the force is: Leicester, where the demo force area lies.
map.setView([52.6362, -1.1337], 13);
createPanes(map);

const clock = new FrameClock(document.getElementById('last-frame'));
const dispatcher = new Dispatcher(document.getElementById('dispatcher'), document.getElementById('name-dialog'));
const units = new UnitLayer(map);
units.group.addTo(map);

const panel = new IncidentPanel(document.getElementById('incident-panel'), units, () => select(null));
const incidents = new IncidentLayer(map, (incident) => select(incident));
const incidentList = document.getElementById('incident-list');

const alarms = new AlarmBanner(
  document.getElementById('alarms'),
  dispatcher,
  units,
  (open) => {
    units.setAlarms(open);
    // The banner pushes the map down: let Leaflet know its size changed.
    map.invalidateSize({ pan: false });
  },
  (alarm) => map.setView([alarm.latitude, alarm.longitude], Math.max(map.getZoom(), 16)),
);

function select(incident) {
  incidents.select(incident?.id ?? null);
  if (incident) panel.show(incident);
  else panel.hide();
  renderList();
}

function renderList() {
  renderIncidentList(incidentList, incidents.list(), panel.selectedId, (incident) => {
    select(incident);
    const [lon, lat] = incident.location.coordinates;
    map.panTo([lat, lon]);
  });
}

function applyIncident(incident) {
  const kept = incidents.upsert(incident);
  if (incident.id === panel.selectedId) {
    if (kept) panel.update(kept);
    else select(null);
  }
}

const dispatchLog = document.querySelector('#dispatch-log ul');
function logDispatch(dispatch) {
  const item = document.createElement('li');
  item.innerHTML = `${timeOfDay(dispatch.assignedAt)} <strong>${escapeHtml(dispatch.callSign)}</strong>`
    + ` → <span class="grade grade-${escapeHtml(String(dispatch.grade))}">${escapeHtml(String(dispatch.grade))}</span> ${escapeHtml(dispatch.type)} (${escapeHtml(dispatch.incident)})`;
  dispatchLog.prepend(item);
  while (dispatchLog.children.length > DispatchLogLength) dispatchLog.lastElementChild.remove();
}

// How many markers the view holds: a team view of two units, or a map view of an empty street, is not a broken screen.
const viewCount = document.getElementById('view-count');
function showCount() {
  const count = units.shownCount;
  viewCount.textContent = `${count} shown`;
  viewCount.dataset.count = String(count);
}

const connectionState = document.getElementById('connection');
const stateNames = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…', disconnected: 'Disconnected' };

// Created before connecting: the first join is already the view the address names.
const viewPicker = new ViewPicker(document.getElementById('view-picker'), map, (view) => live.setView(view));
viewPicker.loadNames();

const live = connectLive({
  snapshot(snapshot) {
    units.reset(snapshot.units);
    incidents.reset(snapshot.incidents);
    alarms.reset(snapshot.alarms);
    const selected = panel.selectedId && incidents.get(panel.selectedId);
    if (selected) panel.update(selected);
    else if (panel.selectedId) select(null);
    renderList();
    showCount();
    clock.frame(snapshot.time);
  },
  frame(frame) {
    for (const unit of frame.units ?? []) units.upsert(unit);
    for (const moved of frame.moved ?? []) units.move(moved);
    for (const id of frame.removed ?? []) units.remove(id);
    for (const incident of frame.incidents ?? []) applyIncident(incident);
    if (frame.incidents?.length) renderList();
    for (const alarm of frame.alarms ?? []) alarms.upsert(alarm);
    for (const dispatch of frame.dispatches ?? []) logDispatch(dispatch);
    if (frame.units?.length || frame.removed?.length) showCount();
    clock.frame(frame.time);
  },
  state(state) {
    connectionState.dataset.state = state;
    connectionState.textContent = stateNames[state] ?? state;
  },
}, viewPicker.view());

const overlays = { Units: units.group, Incidents: incidents.group };
loadBaseLayers(map)
  .then(({ layers, bounds, stationNames }) => {
    // A screen that follows the map reloads where it was; any other starts with the whole force area in sight.
    if (bounds.isValid() && !viewPicker.keepsMapPosition) map.fitBounds(bounds, { padding: [20, 20] });
    viewPicker.setStationNames(stationNames);
    L.control.layers(null, { ...layers, ...overlays }, { collapsed: true, position: 'topright' }).addTo(map);
    document.body.dataset.baseLayers = 'loaded';
  })
  .catch((error) => {
    console.error('Base layers not loaded', error);
    document.body.dataset.baseLayers = 'failed';
  });

addLegend();

function addLegend() {
  const legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => {
    const div = L.DomUtil.create('div', 'legend');
    const statuses = ['available', 'assigned', 'atScene', 'unavailable', 'offDuty', 'device'];
    div.innerHTML = statuses.map((s) => `<span><i class="swatch status-${s}"></i>${statusName(s)}</span>`).join('')
      + [1, 2, 3].map((g) => `<span><i class="swatch grade grade-${g}"></i>Grade ${g}</span>`).join('');
    return div;
  };
  legend.addTo(map);
}
