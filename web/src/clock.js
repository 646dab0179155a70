// The time of the last frame, always in view; red when no frame came for 5 s, so a stale screen is obvious.
import { timeOfDay } from './format.js';

const StaleAfterMs = 5000;

export class FrameClock {
  constructor(root) {
    this.root = root;
    this.time = root.querySelector('time');
    this.age = root.querySelector('.age');
    this.receivedAt = null; // performance.now() of the last frame: the browser's clock may differ from the server's
    setInterval(() => this.check(), 250);
  }

  /** A snapshot or frame stamped with the server's time arrived. */
  frame(serverTime) {
    this.receivedAt = performance.now();
    this.time.textContent = timeOfDay(serverTime);
    this.time.dateTime = serverTime ?? '';
    this.check();
  }

  check() {
    const ageMs = this.receivedAt === null ? Infinity : performance.now() - this.receivedAt;
    const stale = ageMs > StaleAfterMs;
    this.root.classList.toggle('stale', stale);
    this.age.textContent = stale && this.receivedAt !== null ? ` · ${Math.floor(ageMs / 1000)} s ago` : '';
  }
}
