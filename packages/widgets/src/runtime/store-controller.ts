import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Re-renders a Lit element when a nanostore changes, and only while the element is connected,
 * so a removed widget leaves no listener behind. The store can be swapped (`store = ...`) when
 * the element's configuration points it at another session, which `@nanostores/lit`'s
 * controller does not allow; otherwise it is the same few lines.
 */
export class StoreController<T> implements ReactiveController {
  #host: ReactiveControllerHost;
  #store: ReadableAtom<T>;
  #unsubscribe: (() => void) | null = null;

  constructor(host: ReactiveControllerHost, store: ReadableAtom<T>) {
    this.#host = host;
    this.#store = store;
    host.addController(this);
  }

  get value(): T {
    return this.#store.get();
  }

  set store(store: ReadableAtom<T>) {
    if (store === this.#store) return;
    const connected = this.#unsubscribe !== null;
    this.hostDisconnected();
    this.#store = store;
    if (connected) this.hostConnected();
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    // listen (not subscribe): the first render reads `value` itself, no extra update needed.
    this.#unsubscribe = this.#store.listen(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
