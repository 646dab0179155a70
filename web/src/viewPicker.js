// Which units this screen shows: the whole force, the part of the map in sight ("follow the map"), one team or one
// station. The choice lives in the page's address, so a control room screen reloads into the view it had.
//   ?view=force                     the whole force (also when the address names no view)
//   ?view=map&at=15/52.6300/-1.1400 the units inside the map's visible bounds, the map at that zoom/centre
//   ?view=team&team=West%20NPT      one team, as the units import names it
//   ?view=station&station=HQ        one station, as the units import names it
import { getJson } from './api.js';

/** Panning drags the map through many positions; the hub is asked once the map has been still this long. */
const FollowTheMapDelayMs = 300;

/** The hub refuses longer names and names with control characters (MapView on the server). */
const MaxNameLength = 200;

const Kinds = ['force', 'map', 'team', 'station'];

function acceptableName(name) {
  return typeof name === 'string' && name.trim() !== '' && name.length <= MaxNameLength && !/[\u0000-\u001f\u007f]/.test(name);
}

/**
 * The choice the address names: { kind: 'force' | 'map' | 'team' | 'station', name, at: { zoom, lat, lng } | null }.
 * Anything the hub would refuse falls back to the whole force, so a mistyped link still shows units.
 */
export function choiceFromAddress(search) {
  const query = new URLSearchParams(search);
  const kind = query.get('view');
  if (kind === 'team' || kind === 'station') {
    const name = query.get(kind);
    return acceptableName(name) ? { kind, name, at: null } : { kind: 'force', name: null, at: null };
  }
  if (kind === 'map') return { kind, name: null, at: parsePosition(query.get('at')) };
  return { kind: 'force', name: null, at: null };
}

function parsePosition(text) {
  const [zoom, lat, lng] = (text ?? '').split('/').map(Number);
  if (![zoom, lat, lng].every(Number.isFinite) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return { zoom, lat, lng };
}

function optionValue(kind, name) {
  return name === null || name === undefined ? kind : `${kind}:${name}`;
}

function parseOptionValue(value) {
  const colon = value.indexOf(':');
  const kind = colon < 0 ? value : value.slice(0, colon);
  return Kinds.includes(kind) ? { kind, name: colon < 0 ? null : value.slice(colon + 1) } : { kind: 'force', name: null };
}

const clamp = (value, low, high) => Math.min(high, Math.max(low, value));
const round6 = (value) => Math.round(value * 1e6) / 1e6;

/** The distinct names, ignoring case as the hub does, sorted as people read them. */
function distinctNames(values) {
  const byKey = new Map();
  for (const value of values) {
    if (acceptableName(value) && !byKey.has(value.toLowerCase())) byKey.set(value.toLowerCase(), value);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base', numeric: true }));
}

/**
 * The view control in the top bar: a <select> listing the whole force, "follow the map", and every team and station
 * the units import names (from GET /api/units, read again whenever the dispatcher opens the list). Calls
 * onChange(view) with the hub's view ({kind: 'force'}, {kind: 'bbox', west, south, east, north}, {kind: 'team', team},
 * {kind: 'station', station}) whenever the view to show changes.
 */
export class ViewPicker {
  constructor(select, map, onChange) {
    this.select = select;
    this.map = map;
    this.onChange = onChange;
    this.choice = choiceFromAddress(window.location.search);
    this.teams = [];
    this.stations = [];
    this.stationNames = new Map(); // station id → the map's name for it
    this.followTimer = null;

    if (this.choice.kind === 'map' && this.choice.at) {
      map.setView([this.choice.at.lat, this.choice.at.lng], this.choice.at.zoom, { animate: false });
    }
    this.render();
    this.writeAddress();

    select.addEventListener('change', () => this.choose(parseOptionValue(select.value)));
    // A team or station imported since the page loaded shows up the next time the list is opened.
    select.addEventListener('focus', () => this.loadNames());
    map.on('moveend', () => this.mapMoved());
  }

  /** True when the map's position is the view's own (restored from the address): the page must not move it. */
  get keepsMapPosition() {
    return this.choice.kind === 'map' && this.choice.at !== null;
  }

  /** The hub's view for the current choice; "follow the map" is the map's visible bounds now. */
  view() {
    switch (this.choice.kind) {
      case 'team': return { kind: 'team', team: this.choice.name };
      case 'station': return { kind: 'station', station: this.choice.name };
      case 'map': return this.boundsView();
      default: return { kind: 'force' };
    }
  }

  /** Fills the list from the units' teams and stations. */
  async loadNames() {
    try {
      const units = await getJson('/api/units');
      const teams = distinctNames(units.map((u) => u.team));
      const stations = distinctNames(units.map((u) => u.station));
      // Rebuilding the options of an open list would close it under the dispatcher's pointer: only when they changed.
      if (teams.join('\n') === this.teams.join('\n') && stations.join('\n') === this.stations.join('\n')) return;
      this.teams = teams;
      this.stations = stations;
      this.render();
    } catch (error) {
      console.warn('Teams and stations not loaded', error);
    }
  }

  /** Stations are named in the units import by id or name; the map's name makes an id readable. */
  setStationNames(names) {
    this.stationNames = names;
    this.render();
  }

  choose({ kind, name }) {
    clearTimeout(this.followTimer);
    this.choice = { kind, name, at: kind === 'map' ? this.position() : null };
    this.writeAddress();
    this.onChange(this.view());
  }

  mapMoved() {
    if (this.choice.kind !== 'map') return;
    this.choice.at = this.position();
    this.writeAddress();
    clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => this.onChange(this.view()), FollowTheMapDelayMs);
  }

  position() {
    const centre = this.map.getCenter();
    return { zoom: this.map.getZoom(), lat: centre.lat, lng: centre.lng };
  }

  boundsView() {
    const bounds = this.map.getBounds();
    // Zoomed far out the visible world can pass the poles or wrap round; the hub wants one box of real degrees.
    const west = round6(clamp(bounds.getWest(), -180, 180));
    const east = round6(clamp(bounds.getEast(), -180, 180));
    const south = round6(clamp(bounds.getSouth(), -90, 90));
    const north = round6(clamp(bounds.getNorth(), -90, 90));
    return west < east && south < north ? { kind: 'bbox', west, south, east, north } : { kind: 'force' };
  }

  writeAddress() {
    const query = new URLSearchParams(window.location.search);
    for (const key of ['view', 'team', 'station', 'at']) query.delete(key);
    query.set('view', this.choice.kind);
    if (this.choice.kind === 'team' || this.choice.kind === 'station') query.set(this.choice.kind, this.choice.name);
    if (this.choice.kind === 'map' && this.choice.at) {
      const { zoom, lat, lng } = this.choice.at;
      query.set('at', `${zoom}/${lat.toFixed(5)}/${lng.toFixed(5)}`);
    }
    // A slash needs no escaping in a query: "at=15/52.63/-1.14" reads better in an address bar than "15%2F52.63%2F-1.14".
    const search = query.toString().replaceAll('%2F', '/');
    window.history.replaceState(null, '', `${window.location.pathname}?${search}${window.location.hash}`);
  }

  render() {
    const { kind, name } = this.choice;
    // The chosen team or station stays listed even when no unit names it (yet): the screen still says what it shows.
    const teams = kind === 'team' ? distinctNames([...this.teams, name]) : this.teams;
    const stations = kind === 'station' ? distinctNames([...this.stations, name]) : this.stations;

    const options = [new Option('Whole force', 'force'), new Option('Follow the map', 'map')];
    this.select.replaceChildren(
      ...options,
      this.group('Teams', teams.map((team) => new Option(team, optionValue('team', team)))),
      this.group('Stations', stations.map((station) => new Option(this.stationLabel(station), optionValue('station', station)))),
    );
    this.select.value = optionValue(kind, kind === 'team' || kind === 'station' ? name : null);
    // Case aside, the hub sees one team where the list may spell it another way.
    if (this.select.selectedIndex < 0) {
      const wanted = optionValue(kind, name).toLowerCase();
      const match = [...this.select.options].find((o) => o.value.toLowerCase() === wanted);
      if (match) match.selected = true;
    }
  }

  group(label, options) {
    const group = document.createElement('optgroup');
    group.label = label;
    group.append(...options);
    return group;
  }

  stationLabel(station) {
    const mapName = this.stationNames.get(station);
    return mapName && mapName !== station ? `${mapName} (${station})` : station;
  }
}
