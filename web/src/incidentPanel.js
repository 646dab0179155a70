// The incident panel: an incident's details and the units recommended for it, fastest first, each with its ETA
// and an Assign button. The open-incident list beside it selects one.
import { ApiError, getJson, postJson } from './api.js';
import { distance, escapeHtml, etaMinutes, gradeNames, timeOfDay, unitType } from './format.js';

const RecommendationCount = 5;

export class IncidentPanel {
  /** units: the UnitLayer (call signs of attending units); onClose(): the panel was closed. */
  constructor(root, units, onClose) {
    this.root = root;
    this.units = units;
    this.incident = null;
    this.request = 0;
    root.querySelector('.refresh').addEventListener('click', () => this.loadRecommendations());
    root.querySelector('.close').addEventListener('click', () => {
      this.hide();
      onClose();
    });
  }

  get selectedId() {
    return this.incident?.id ?? null;
  }

  show(incident) {
    const changed = this.incident?.id !== incident.id;
    this.incident = incident;
    this.root.hidden = false;
    this.root.dataset.incident = incident.id;
    this.renderDetails();
    if (changed) this.loadRecommendations();
  }

  /**
   * A frame brought a new state of the incident shown. The recommendations stay as they are (a list that changed
   * under the dispatcher's pointer would be worse than a stale one): Refresh, or selecting the incident again, asks anew.
   */
  update(incident) {
    if (incident.id !== this.incident?.id) return;
    this.incident = incident;
    this.renderDetails();
  }

  hide() {
    this.incident = null;
    this.root.hidden = true;
    delete this.root.dataset.incident;
  }

  renderDetails() {
    const i = this.incident;
    this.root.querySelector('.title').innerHTML = `<span class="grade grade-${escapeHtml(String(i.grade))}">${escapeHtml(String(i.grade))}</span> ${escapeHtml(i.type)}`;
    const attending = (i.attendances ?? []).map((a) => {
      const name = this.units.callSignOf(a.unitId) ?? a.unitId;
      const state = a.arrivedAt ? `arrived ${timeOfDay(a.arrivedAt)}` : a.assignedAt ? `assigned ${timeOfDay(a.assignedAt)}` : 'self-deployed';
      return `${escapeHtml(name)} (${state})`;
    });
    const rows = [
      ['Incident', escapeHtml(i.id)],
      ['Grade', escapeHtml(gradeNames[i.grade] ?? String(i.grade))],
      ['Created', timeOfDay(i.createdAt)],
      ['Skills needed', escapeHtml((i.requiredSkills ?? []).join(', ') || 'none')],
      i.vehicleType ? ['Vehicle', escapeHtml(unitType(i.vehicleType))] : null,
      ['Units', attending.length ? attending.join('<br>') : 'none yet'],
    ].filter(Boolean);
    this.root.querySelector('.details').innerHTML = rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('');
  }

  async loadRecommendations() {
    const incident = this.incident;
    if (!incident) return;
    const request = ++this.request;
    const state = this.root.querySelector('.recommendations-state');
    const list = this.root.querySelector('.recommendations');
    state.textContent = 'Finding the nearest units…';
    try {
      const answer = await getJson(`/api/incidents/${encodeURIComponent(incident.id)}/recommendations?count=${RecommendationCount}`);
      if (request !== this.request) return; // a newer request is on its way
      list.replaceChildren(...answer.units.map((unit) => this.recommendationItem(incident.id, unit)));
      state.textContent = answer.units.length === 0
        ? 'No unit available with the skills and vehicle this incident needs.'
        : `ETAs ${answer.basis === 'roadNetwork' ? 'over the road network' : 'from straight-line distance'}.`;
    } catch (error) {
      if (request !== this.request) return;
      list.replaceChildren();
      state.textContent = error instanceof ApiError ? error.message : 'The server did not answer.';
    }
  }

  recommendationItem(incidentId, unit) {
    const item = document.createElement('li');
    item.className = 'recommendation';
    item.dataset.unit = unit.unit;
    const crew = (unit.crew ?? []).map((c) => c.name).join(', ');
    item.innerHTML = `<div class="who"><strong>${escapeHtml(unit.callSign)}</strong> <span class="type">${escapeHtml(unitType(unit.type))}</span></div>`
      + `<div class="eta" title="Estimated time to arrive">${etaMinutes(unit.etaSeconds)}</div>`
      + `<div class="distance">${distance(unit.distanceMetres)}</div>`
      + (crew ? `<div class="crew">${escapeHtml(crew)}</div>` : '')
      + '<button type="button" class="assign">Assign</button><div class="result" role="status"></div>';
    const button = item.querySelector('.assign');
    const result = item.querySelector('.result');
    button.addEventListener('click', async () => {
      button.disabled = true;
      result.textContent = 'Assigning…';
      try {
        await postJson(`/api/incidents/${encodeURIComponent(incidentId)}/assignments`, { unit: unit.unit });
        item.classList.add('assigned');
        button.textContent = 'Assigned';
        result.textContent = '';
      } catch (error) {
        button.disabled = false;
        result.textContent = error instanceof ApiError ? error.message : 'The server did not answer.';
      }
    });
    return item;
  }
}

/** The list of open incidents, most urgent first; a click selects one. */
export function renderIncidentList(root, incidents, selectedId, onSelect) {
  root.querySelector('.count').textContent = `(${incidents.length})`;
  const items = incidents.map((incident) => {
    const item = document.createElement('li');
    item.dataset.incident = incident.id;
    item.className = incident.id === selectedId ? 'selected' : '';
    const grade = escapeHtml(String(incident.grade));
    item.innerHTML = `<span class="grade grade-${grade}">${grade}</span>`
      + ` <span class="type">${escapeHtml(incident.type)}</span>`
      + ` <span class="meta">${escapeHtml(incident.id)} · ${timeOfDay(incident.createdAt)} · ${incident.unitsAssigned ?? 0} sent</span>`;
    item.addEventListener('click', () => onSelect(incident));
    return item;
  });
  root.querySelector('ul').replaceChildren(...items);
}
