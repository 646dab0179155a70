// Emergency alarms: a full-width red banner that cannot be missed, one entry per open alarm with its back-up
// units, a way to find it on the map and a Clear button that records the dispatcher's name.
import { ApiError, postJson } from './api.js';
import { distance, escapeHtml, etaMinutes, timeOfDay, unitType } from './format.js';

export class AlarmBanner {
  /** dispatcher: the Dispatcher; units: the UnitLayer; onChange(openAlarms); onShow(alarm): pan to it. */
  constructor(root, dispatcher, units, onChange, onShow) {
    this.root = root;
    this.dispatcher = dispatcher;
    this.units = units;
    this.onChange = onChange;
    this.onShow = onShow;
    this.alarms = new Map(); // id → open alarm
    this.baseTitle = document.title;
  }

  reset(alarms) {
    this.alarms.clear();
    for (const alarm of alarms ?? []) if (!alarm.clearedAt) this.alarms.set(alarm.id, alarm);
    this.render();
  }

  /** An alarm raised, changed or (clearedAt set) cleared. */
  upsert(alarm) {
    if (alarm.clearedAt) this.alarms.delete(alarm.id);
    else this.alarms.set(alarm.id, alarm);
    this.render();
  }

  open() {
    return [...this.alarms.values()];
  }

  render() {
    const alarms = this.open().sort((a, b) => String(b.raisedAt).localeCompare(String(a.raisedAt)));
    this.root.hidden = alarms.length === 0;
    document.title = alarms.length ? `EMERGENCY (${alarms.length}) · ${this.baseTitle}` : this.baseTitle;
    this.root.replaceChildren(...alarms.map((alarm) => this.item(alarm)));
    this.onChange(alarms);
  }

  /** The call sign of the alarm's unit when known, else the unit id or the device. */
  who(alarm) {
    if (alarm.unitId) return this.units.callSignOf(alarm.unitId) ?? alarm.unitId;
    return alarm.deviceId;
  }

  item(alarm) {
    const item = document.createElement('div');
    item.className = 'alarm';
    item.dataset.alarm = alarm.id;
    const backUp = (alarm.backUp ?? []).map((b, i) => `<li data-unit="${escapeHtml(b.unitId)}">${i + 1}. <strong>${escapeHtml(b.callSign)}</strong>`
      + ` ${escapeHtml(unitType(b.type))} · ${etaMinutes(b.etaSeconds)} · ${distance(b.distanceMetres)}</li>`).join('');
    item.innerHTML = '<div class="headline"><span class="word">EMERGENCY</span>'
      + ` <span class="who">${escapeHtml(this.who(alarm))}</span>`
      + ` <span class="meta">device ${escapeHtml(alarm.deviceId)} · raised ${timeOfDay(alarm.raisedAt)}</span></div>`
      + `<div class="back-up"><span>Back-up:</span> ${backUp ? `<ol>${backUp}</ol>` : '<em>no unit available</em>'}</div>`
      + '<div class="actions">'
      + (Number.isFinite(alarm.latitude) ? '<button type="button" class="show">Show on map</button>' : '')
      + '<input class="note" maxlength="500" placeholder="Note (optional)" aria-label="Note">'
      + '<button type="button" class="clear">Clear</button><span class="result" role="status"></span></div>';
    item.querySelector('.show')?.addEventListener('click', () => this.onShow(alarm));
    const clear = item.querySelector('.clear');
    const result = item.querySelector('.result');
    clear.addEventListener('click', async () => {
      const by = await this.dispatcher.ensureName();
      if (!by) {
        result.textContent = 'Your name is needed to clear an alarm.';
        return;
      }
      clear.disabled = true;
      result.textContent = 'Clearing…';
      try {
        const cleared = await postJson(`/api/alarms/${encodeURIComponent(alarm.id)}/clear`, { by, note: item.querySelector('.note').value.trim() || null });
        this.upsert(cleared?.clearedAt ? cleared : { ...alarm, clearedAt: new Date().toISOString() });
      } catch (error) {
        clear.disabled = false;
        result.textContent = error instanceof ApiError ? error.message : 'The server did not answer.';
        // Already cleared by someone else: the frame that says so may still be on its way.
        if (error instanceof ApiError && (error.status === 404 || error.status === 409)) this.upsert({ ...alarm, clearedAt: new Date().toISOString() });
      }
    });
    return item;
  }
}
