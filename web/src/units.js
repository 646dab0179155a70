// Units (and devices no unit claims) as markers: an arrow turned to the heading, coloured by status, labelled with
// the call sign, clustered at low zoom. A click shows the unit's details and its last hour as a trail.
import L from './leaflet-global.js';
import 'leaflet.markercluster';
import { getJson } from './api.js';
import { escapeHtml, speed, statusName, timeOfDay, unitType } from './format.js';

const TrailPeriodMs = 60 * 60 * 1000;
const TrailPurpose = 'live map trail';

function hasPosition(unit) {
  return Number.isFinite(unit.latitude) && Number.isFinite(unit.longitude);
}

/** The status a marker is drawn with: a device with no unit is 'device' (grey). */
export function markerStatus(unit) {
  return unit.kind === 'unit' ? unit.status ?? 'offDuty' : 'device';
}

function label(unit) {
  return unit.callSign || unit.device || unit.id;
}

function iconFor(unit, alarmed) {
  const status = escapeHtml(markerStatus(unit));
  const heading = Number.isFinite(unit.heading) ? unit.heading : null;
  // Without a heading a dot; with one, an arrow pointing where the unit is going.
  const shape = heading === null
    ? '<circle cx="12" cy="12" r="7"/>'
    : `<path d="M12 2 L20 21 L12 16 L4 21 Z" transform="rotate(${heading.toFixed(0)} 12 12)"/>`;
  return L.divIcon({
    className: 'unit-icon',
    iconSize: [24, 24],
    iconAnchor: [12, 12],
    html: `<div class="unit-marker status-${status}${alarmed ? ' alarm' : ''}" data-marker="${escapeHtml(unit.id)}"`
      + ` data-status="${status}"${heading === null ? '' : ` data-heading="${heading.toFixed(0)}"`}>`
      + `<svg viewBox="0 0 24 24" aria-hidden="true">${shape}</svg>`
      + `<span class="unit-label">${escapeHtml(label(unit))}</span></div>`,
  });
}

// What changes the icon's look; anything else only moves the marker.
function iconKey(unit, alarmed) {
  return [markerStatus(unit), label(unit), Number.isFinite(unit.heading) ? unit.heading.toFixed(0) : '', alarmed].join('|');
}

function popupHtml(unit) {
  const rows = [
    ['Status', statusName(markerStatus(unit))],
    unit.type ? ['Type', unitType(unit.type)] : null,
    unit.incident ? ['Incident', unit.incident] : null,
    unit.team ? ['Team', unit.team] : null,
    unit.station ? ['Station', unit.station] : null,
    ['Device', unit.device ?? unit.id],
    ['Speed', speed(unit.speed)],
    ['Position at', timeOfDay(unit.time)],
  ].filter(Boolean);
  return `<div class="unit-popup"><h3>${escapeHtml(label(unit))}</h3><dl>`
    + rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')
    + '</dl><p class="trail-note">Trail: the last hour</p></div>';
}

// A cluster is neutral (its colours must not read as a status), and red and flashing when a unit in it has an alarm.
function clusterIcon(cluster) {
  const markers = cluster.getAllChildMarkers();
  const alarmed = markers.some((m) => m.options.alarmed);
  return L.divIcon({
    className: 'unit-cluster-icon',
    iconSize: [34, 34],
    html: `<div class="unit-cluster${alarmed ? ' alarm' : ''}"><span>${markers.length}</span></div>`,
  });
}

export class UnitLayer {
  constructor(map) {
    this.map = map;
    this.group = L.markerClusterGroup({
      maxClusterRadius: 40,
      disableClusteringAtZoom: 15,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: false,
      chunkedLoading: true,
      iconCreateFunction: clusterIcon,
    });
    this.trailLayer = L.layerGroup().addTo(map);
    this.entries = new Map(); // marker id → { unit, marker, key }
    this.alarmKeys = { units: new Set(), devices: new Set() };
    this.trail = null; // { id, line }
  }

  /** Replaces every marker with those of a snapshot. */
  reset(units) {
    this.group.clearLayers();
    this.entries.clear();
    this.clearTrail();
    const markers = [];
    for (const unit of units ?? []) {
      const entry = this.track(unit);
      if (entry.marker) markers.push(entry.marker);
    }
    this.group.addLayers(markers);
  }

  upsert(unit) {
    const entry = this.entries.get(unit.id);
    if (!entry) {
      const added = this.track(unit);
      if (added.marker) this.group.addLayer(added.marker);
      return;
    }
    entry.unit = unit;
    if (!hasPosition(unit)) {
      // Known, but nowhere to draw it (no position yet).
      this.dropMarker(entry);
      return;
    }
    if (!entry.marker) {
      this.group.addLayer(this.createMarker(entry));
      return;
    }
    const latLng = L.latLng(unit.latitude, unit.longitude);
    if (!entry.marker.getLatLng().equals(latLng)) {
      entry.marker.setLatLng(latLng);
      if (this.trail?.id === unit.id) this.trail.line.addLatLng(latLng);
    }
    this.restyle(entry);
    if (entry.marker.isPopupOpen()) entry.marker.setPopupContent(popupHtml(unit));
  }

  /**
   * Applies a frame's move entry ({ id, longitude, latitude, heading, speed, time }) to a marker held in full: the
   * server sends one only when nothing else of the marker changed, and only for a marker the page holds. One for a
   * marker not held is ignored all the same. A move never changes how many markers are shown (a marker placed for the
   * first time comes in full, with the device that placed it).
   */
  move(moved) {
    const entry = this.entries.get(moved.id);
    if (!entry) return;
    this.upsert({
      ...entry.unit,
      longitude: moved.longitude,
      latitude: moved.latitude,
      heading: moved.heading,
      speed: moved.speed,
      time: moved.time,
    });
  }

  remove(id) {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.dropMarker(entry);
    this.entries.delete(id);
  }

  /** How many units and devices of the view are on the map (those with no position yet are not). */
  get shownCount() {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.marker) count++;
    return count;
  }

  /** The call sign of a unit, when one of the markers is it. */
  callSignOf(unitId) {
    const entry = this.entries.get(unitId);
    return entry?.unit.kind === 'unit' ? entry.unit.callSign : null;
  }

  /** Markers of the units and devices with an open alarm flash. */
  setAlarms(alarms) {
    this.alarmKeys = {
      units: new Set(alarms.map((a) => a.unitId).filter(Boolean)),
      devices: new Set(alarms.map((a) => a.deviceId).filter(Boolean)),
    };
    for (const entry of this.entries.values()) this.restyle(entry);
  }

  // Keeps a unit's data (for call signs) and makes its marker when it has a position.
  track(unit) {
    const entry = { unit, marker: null, key: null };
    this.entries.set(unit.id, entry);
    if (hasPosition(unit)) this.createMarker(entry);
    return entry;
  }

  createMarker(entry) {
    const alarmed = this.isAlarmed(entry.unit);
    const marker = L.marker([entry.unit.latitude, entry.unit.longitude], { icon: iconFor(entry.unit, alarmed), keyboard: false, riseOnHover: true, alarmed });
    if (alarmed) marker.setZIndexOffset(1000);
    entry.marker = marker;
    entry.key = iconKey(entry.unit, alarmed);
    marker.bindPopup(() => popupHtml(entry.unit), { autoPan: false });
    marker.on('click', () => this.toggleTrail(entry));
    return marker;
  }

  dropMarker(entry) {
    if (!entry.marker) return;
    this.group.removeLayer(entry.marker);
    entry.marker = null;
    if (this.trail?.id === entry.unit.id) this.clearTrail();
  }

  restyle(entry) {
    if (!entry.marker) return;
    const alarmed = this.isAlarmed(entry.unit);
    const key = iconKey(entry.unit, alarmed);
    if (key !== entry.key) {
      entry.key = key;
      const clusterChanged = entry.marker.options.alarmed !== alarmed;
      entry.marker.options.alarmed = alarmed;
      entry.marker.setIcon(iconFor(entry.unit, alarmed));
      entry.marker.setZIndexOffset(alarmed ? 1000 : 0);
      if (clusterChanged) this.group.refreshClusters(entry.marker);
    }
  }

  isAlarmed(unit) {
    return (unit.kind === 'unit' && this.alarmKeys.units.has(unit.id)) || this.alarmKeys.devices.has(unit.device);
  }

  async toggleTrail(entry) {
    const id = entry.unit.id;
    if (this.trail?.id === id) {
      this.clearTrail();
      return;
    }
    this.clearTrail();
    const device = entry.unit.device;
    if (!device) return;
    const line = L.polyline([], { className: 'trail', color: '#0d47a1', weight: 3, opacity: 0.8, dashArray: '6 4', interactive: false });
    this.trail = { id, line };
    line.addTo(this.trailLayer);
    const to = new Date();
    const from = new Date(to.getTime() - TrailPeriodMs);
    // The audit log records why a dispatcher looked at the unit's movements.
    const query = `purpose=${encodeURIComponent(TrailPurpose)}&from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    try {
      const track = await getJson(`/api/devices/${encodeURIComponent(device)}/track?${query}`);
      if (this.trail?.id !== id) return; // another unit was clicked meanwhile
      const path = track.features.find((f) => f.geometry?.type === 'LineString');
      const latLngs = (path?.geometry.coordinates ?? []).map(([lon, lat]) => L.latLng(lat, lon));
      // Positions pushed while the track was on its way stay at the end.
      line.setLatLngs([...latLngs, ...line.getLatLngs()]);
      line.getElement()?.setAttribute('data-unit', id);
      line.getElement()?.setAttribute('data-points', String(latLngs.length));
    } catch (error) {
      console.warn('Trail not loaded', error);
      if (this.trail?.id === id) this.clearTrail();
    }
  }

  clearTrail() {
    this.trailLayer.clearLayers();
    this.trail = null;
  }
}
