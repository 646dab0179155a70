// Replay: where a unit (its devices while the rota gave them to it) or a device went in the period, on a map of vector
// base layers, with a time slider that moves a marker from fix to fix and shows the fix's time and speed.
import L from 'leaflet';
import { escapeHtml, speed } from '../format.js';
import { getReport } from './http.js';
import { reportMap } from './maps.js';
import { periodQuery } from './period.js';
import { askPurpose } from './purpose.js';

const when = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
const PlayStepMilliseconds = 200;
const trackColours = ['#1565c0', '#8e24aa', '#00838f', '#ef6c00', '#5d4037'];

export class ReplayReport {
  constructor(section) {
    this.section = section;
    this.form = section.querySelector('form.options');
    this.slider = section.querySelector('#replay-slider');
    this.readout = section.querySelector('#replay-readout');
    this.play = section.querySelector('button.play');
    this.choice = section.querySelector('.track-choice');
    this.mapElement = section.querySelector('#replay-map');
    this.tracks = [];
    this.current = null;
    this.timer = null;
    this.slider.addEventListener('input', () => this.moveTo(Number(this.slider.value)));
    this.form.elements.replayDevice.addEventListener('change', () => this.follow(Number(this.form.elements.replayDevice.value)));
    this.play.addEventListener('click', () => (this.timer ? this.stop() : this.start()));
  }

  params() {
    return { trackBy: this.form.elements.trackBy.value, track: this.form.elements.track.value.trim() };
  }

  /** The select only says what the id is: nothing to ask until one is typed and submitted. */
  redrawsOnly(name) {
    return name === 'trackBy' || name === 'replayDevice';
  }

  /** Leaflet sizes its map from the box it is in: created when first shown, resized when shown again. */
  shown() {
    if (!this.view) {
      this.view = reportMap(this.mapElement);
      this.layer = L.featureGroup().addTo(this.view.map);
      this.marker = L.circleMarker([0, 0], { pane: 'report', className: 'replay-marker', radius: 8, color: '#fff', weight: 3, fillColor: '#d32f2f', fillOpacity: 1, interactive: false });
    } else {
      this.view.map.invalidateSize({ pan: false });
    }
  }

  async run(period, signal) {
    this.shown();
    this.stop();
    const { trackBy, track } = this.params();
    this.clear();
    if (!track) {
      this.form.querySelector('a.gpx').removeAttribute('href');
      return 'Enter a unit or a device id and press Replay.';
    }

    const purpose = await askPurpose(`the movements of ${trackBy} ${track}`);
    if (!purpose) {
      this.form.querySelector('a.gpx').removeAttribute('href');
      return 'Not shown: replay needs a stated purpose, which the audit log records.';
    }
    const query = `${trackBy}=${encodeURIComponent(track)}&${periodQuery(period)}&purpose=${encodeURIComponent(purpose)}`;
    const [collection] = await Promise.all([getReport(`/api/reports/replay?${query}`, signal), this.view.ready]);
    this.form.querySelector('a.gpx').href = `/api/reports/replay?${query}&format=gpx`;
    this.tracks = collection.features.filter((f) => f.geometry.coordinates.length > 0).map((feature, index) => {
      const points = feature.geometry.coordinates.map(([lon, lat]) => L.latLng(lat, lon));
      const line = L.polyline(points, { pane: 'report', className: 'replay-track', color: trackColours[index % trackColours.length], weight: 4, opacity: 0.85 })
        .bindTooltip(escapeHtml(feature.properties.device), { sticky: true })
        .addTo(this.layer);
      line.getElement()?.setAttribute('data-device', feature.properties.device);
      line.getElement()?.setAttribute('data-fixes', String(points.length));
      return { device: feature.properties.device, points, times: feature.properties.times, speeds: feature.properties.speeds, truncated: feature.properties.truncated, line };
    });

    const select = this.form.elements.replayDevice;
    select.replaceChildren(...this.tracks.map((t, i) => new Option(`${t.device} (${t.points.length} fixes)`, String(i))));
    this.choice.hidden = this.tracks.length < 2;
    if (this.tracks.length === 0) {
      return `No fixes of ${trackBy} ${track} in this period.`;
    }

    this.view.map.fitBounds(this.layer.getBounds(), { padding: [30, 30], maxZoom: 17, animate: false });
    this.follow(0);
    const truncated = this.tracks.filter((t) => t.truncated).map((t) => t.device);
    return truncated.length ? `Only the first fixes are shown for ${truncated.join(', ')}: choose a shorter period.` : '';
  }

  /** Makes the slider run along one track (a unit may have had several devices). */
  follow(index) {
    this.stop();
    this.current = this.tracks[index] ?? null;
    for (const t of this.tracks) t.line.setStyle({ weight: t === this.current ? 5 : 3, opacity: t === this.current ? 0.9 : 0.45 });
    this.slider.max = String(Math.max(0, (this.current?.points.length ?? 1) - 1));
    this.slider.value = '0';
    this.slider.disabled = !this.current;
    this.play.disabled = !this.current;
    if (this.current) {
      this.marker.addTo(this.layer);
      this.moveTo(0);
    }
  }

  /** Puts the marker on the fix at the index and shows its time and speed. */
  moveTo(index) {
    const track = this.current;
    if (!track) return;
    const i = Math.min(Math.max(0, index), track.points.length - 1);
    const latLng = track.points[i];
    this.marker.setLatLng(latLng);
    this.marker.bringToFront();
    const element = this.marker.getElement();
    element?.setAttribute('data-index', String(i));
    element?.setAttribute('data-device', track.device);

    const time = this.readout.querySelector('time');
    const instant = new Date(track.times[i]);
    time.dateTime = instant.toISOString();
    time.textContent = when.format(instant);
    this.readout.querySelector('.speed').textContent = Number.isFinite(track.speeds[i]) ? speed(track.speeds[i]) : 'speed not reported';
    this.readout.querySelector('.position').textContent = `fix ${i + 1} of ${track.points.length} · ${track.device}`;
    this.readout.dataset.index = String(i);
    if (!this.view.map.getBounds().contains(latLng)) this.view.map.panTo(latLng, { animate: false });
  }

  start() {
    if (!this.current) return;
    if (Number(this.slider.value) >= Number(this.slider.max)) this.slider.value = '0';
    this.play.textContent = 'Pause';
    this.timer = setInterval(() => {
      const next = Number(this.slider.value) + 1;
      if (next > Number(this.slider.max)) {
        this.stop();
        return;
      }
      this.slider.value = String(next);
      this.moveTo(next);
    }, PlayStepMilliseconds);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.play.textContent = 'Play';
  }

  clear() {
    this.layer.clearLayers();
    this.tracks = [];
    this.current = null;
    this.slider.max = '0';
    this.slider.value = '0';
    this.slider.disabled = true;
    this.play.disabled = true;
    this.choice.hidden = true;
    this.readout.querySelector('time').textContent = '–';
    this.readout.querySelector('time').removeAttribute('datetime');
    this.readout.querySelector('.speed').textContent = '–';
    this.readout.querySelector('.position').textContent = '';
    delete this.readout.dataset.index;
  }
}
