/**
 * In-process events between modules, so that a module can tell another what happened without importing it:
 * the publisher owns the topic, the subscriber registers where the modules are assembled (`modules/index.ts`).
 * Listeners run in the publisher's transaction, one after the other, and a listener that throws rolls the
 * change back: an event is part of the change, not a notification sent after it.
 */
import type { Db } from './db.ts';

export type Listener<E> = (db: Db, now: Date, event: E) => Promise<void>;

export class Topic<E> {
  readonly #listeners: Listener<E>[] = [];

  constructor(readonly name: string) {}

  subscribe(listener: Listener<E>): void {
    if (!this.#listeners.includes(listener)) this.#listeners.push(listener);
  }

  /** Runs every listener in the caller's transaction; a topic nobody listens to is a wiring fault. */
  async publish(db: Db, now: Date, event: E): Promise<void> {
    if (this.#listeners.length === 0) throw new Error(`nobody listens to ${this.name}`);
    for (const listener of this.#listeners) await listener(db, now, event);
  }
}

/**
 * A function one module asks for and another module provides, without either importing the other the wrong
 * way: the asking module owns the port, the providing one is plugged in where the modules are assembled.
 */
export class Port<F extends (...args: never[]) => unknown> {
  #provider: F | undefined;

  constructor(readonly name: string) {}

  provide(provider: F): void {
    this.#provider = provider;
  }

  /** The provider; a port nobody provides is a wiring fault. */
  get call(): F {
    if (!this.#provider) throw new Error(`nobody provides ${this.name}`);
    return this.#provider;
  }
}
