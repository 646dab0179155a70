// The dispatcher's name, asked once and kept in this browser: it is recorded with every alarm they clear.
const StorageKey = 'tracking.dispatcher';

export class Dispatcher {
  constructor(button, dialog) {
    this.button = button;
    this.dialog = dialog;
    this.input = dialog.querySelector('input');
    this.name = read();
    this.render();
    button.addEventListener('click', () => this.ask());
  }

  /** The name, asking for it first when it is not known yet; null when the dispatcher cancels. */
  async ensureName() {
    return this.name ?? this.ask();
  }

  ask() {
    if (this.dialog.open) {
      // Asked already (a second Clear while the dialog is up): answer both with the one name given.
      return new Promise((resolve) => {
        this.dialog.addEventListener('close', () => resolve(this.name), { once: true });
      });
    }
    this.input.value = this.name ?? '';
    this.dialog.showModal();
    return new Promise((resolve) => {
      this.dialog.addEventListener('close', () => {
        const name = this.input.value.trim();
        if (this.dialog.returnValue === 'ok' && name) {
          this.name = name;
          try {
            localStorage.setItem(StorageKey, name);
          } catch {
            // Storage refused (private mode): the name is kept for this page only.
          }
          this.render();
        }
        resolve(this.dialog.returnValue === 'ok' && name ? name : this.name);
      }, { once: true });
    });
  }

  render() {
    this.button.querySelector('.name').textContent = this.name ?? 'not set';
    this.button.classList.toggle('unset', !this.name);
  }
}

function read() {
  try {
    return localStorage.getItem(StorageKey) || null;
  } catch {
    return null;
  }
}
