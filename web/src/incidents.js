// Open incidents as markers by grade (1 red, 2 amber, 3 blue); a closed incident leaves the map.
import L from './leaflet-global.js';
import { escapeHtml, gradeNames, timeOfDay } from './format.js';

function iconFor(incident, selected) {
  return L.divIcon({
    className: 'incident-icon',
    iconSize: [28, 28],
    iconAnchor: [14, 14],
    html: `<div class="incident-marker grade-${escapeHtml(String(incident.grade))}${selected ? ' selected' : ''}" data-incident="${escapeHtml(incident.id)}"`
      + ` title="${escapeHtml(`${incident.id} · ${incident.type} · ${gradeNames[incident.grade] ?? ''} · ${timeOfDay(incident.createdAt)}`)}">`
      + `${escapeHtml(String(incident.grade))}</div>`,
  });
}

export function isOpen(incident) {
  return incident.status !== 'closed';
}

export class IncidentLayer {
  /** onSelect(incident) is called when a marker is clicked. */
  constructor(map, onSelect) {
    this.group = L.layerGroup().addTo(map);
    this.entries = new Map(); // id → { incident, marker }
    this.onSelect = onSelect;
    this.selected = null;
  }

  reset(incidents) {
    this.group.clearLayers();
    this.entries.clear();
    for (const incident of incidents ?? []) this.upsert(incident);
  }

  /** Adds, updates or (when closed) removes an incident; returns the incident kept, or null when it left the map. */
  upsert(incident) {
    const entry = this.entries.get(incident.id);
    if (!isOpen(incident)) {
      if (entry) {
        this.group.removeLayer(entry.marker);
        this.entries.delete(incident.id);
      }
      return null;
    }
    const [lon, lat] = incident.location.coordinates;
    if (!entry) {
      const marker = L.marker([lat, lon], { icon: iconFor(incident, incident.id === this.selected), keyboard: false, zIndexOffset: 500 });
      marker.on('click', () => this.onSelect(this.entries.get(incident.id).incident));
      this.entries.set(incident.id, { incident, marker });
      marker.addTo(this.group);
    } else {
      entry.incident = incident;
      entry.marker.setLatLng([lat, lon]);
      entry.marker.setIcon(iconFor(incident, incident.id === this.selected));
    }
    return incident;
  }

  get(id) {
    return this.entries.get(id)?.incident ?? null;
  }

  /** Open incidents, most urgent first: by grade, then oldest first. */
  list() {
    return [...this.entries.values()].map((e) => e.incident)
      .sort((a, b) => a.grade - b.grade || String(a.createdAt).localeCompare(String(b.createdAt)));
  }

  select(id) {
    const previous = this.selected;
    this.selected = id;
    for (const key of [previous, id]) {
      const entry = key && this.entries.get(key);
      if (entry) entry.marker.setIcon(iconFor(entry.incident, entry.incident.id === this.selected));
    }
  }
}
