/**
 * A value widgets share and follow (who is signed in, the tag picked on the page): `get`,
 * `set`, and `listen` for changes. The runtime needs nothing more than this, so it is these
 * few lines rather than a store library in every page's first download.
 */
export interface ReadableAtom<T> {
  get(): T;
  /** Calls `listener` after each change (not with the current value); returns the unsubscribe. */
  listen(listener: (value: T) => void): () => void;
}

export interface WritableAtom<T> extends ReadableAtom<T> {
  /** Sets the value; listeners hear of it only when it changed (`!==`). */
  set(value: T): void;
}

export function atom<T>(initial: T): WritableAtom<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      // A copy: a listener may unsubscribe (or subscribe another) while it is called.
      for (const listener of new Set(listeners)) listener(value);
    },
    listen(listener) {
      // Wrapped, so the same function listening twice is two subscriptions, as it says.
      const own = (v: T) => listener(v);
      listeners.add(own);
      return () => void listeners.delete(own);
    },
  };
}
