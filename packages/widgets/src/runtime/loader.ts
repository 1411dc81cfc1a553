import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { HearthError, isAbort } from './errors.ts';
import { forget, onConnection, waitForConnection } from './recovery.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error' | 'signed-out' | 'not-found';
export type LoadTask<T> = (signal: AbortSignal) => Promise<T>;

/**
 * One piece of async data for a Lit element: its status, value and error. Each run aborts the
 * one before, so a late answer never paints over a newer one (the similar questions while
 * someone types); leaving the page aborts what is in flight, and coming back runs it again.
 * Every widget's data goes through it; the feed's pages of posts build on it (FeedController).
 */
export class Loader<T> implements ReactiveController {
  status: LoadStatus = 'idle';
  value: T | null = null;
  error: HearthError | null = null;
  /** What `reload` runs; `run` sets it, or set it directly before showing a value with `set`. */
  task: LoadTask<T> | null = null;

  #host: ReactiveControllerHost;
  #abort: AbortController | null = null;
  #interrupted = false;
  /** Whether the run in flight keeps the value on show: a resumed run does the same. */
  #keep = false;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#interrupted) void this.reload(this.#keep);
  }

  hostDisconnected(): void {
    this.#interrupted = this.#abort !== null;
    this.cancel();
    forget(this);
  }

  /** Runs `task`; `keep` leaves the current value on show while it loads (no skeleton flash). */
  run(task: LoadTask<T>, keep = false): Promise<void> {
    this.task = task;
    return this.reload(keep);
  }

  async reload(keep = false): Promise<void> {
    const task = this.task;
    if (!task) return;
    this.cancel();
    const abort = (this.#abort = new AbortController());
    this.#interrupted = false;
    this.#keep = keep;
    this.status = 'loading';
    this.error = null;
    if (!keep) this.value = null;
    this.#host.requestUpdate();
    try {
      const value = await task(abort.signal);
      if (abort.signal.aborted) return;
      this.value = value;
      this.status = 'ready';
      forget(this);
    } catch (error) {
      if (abort.signal.aborted || isAbort(error)) return;
      const failure = error instanceof HearthError ? error : HearthError.network();
      this.error = failure;
      this.status = failure.signedOut ? 'signed-out' : failure.notFound ? 'not-found' : 'error';
      // Hearth could not be reached: load again by itself when it answers (recovery.ts).
      if (this.status === 'error' && onConnection(failure.status)) waitForConnection(this);
      else forget(this);
    } finally {
      if (this.#abort === abort) {
        this.#abort = null;
        this.#host.requestUpdate();
      }
    }
  }

  /** Aborts what is in flight; what was shown before stays. */
  cancel(): void {
    if (!this.#abort) return;
    this.#abort.abort();
    this.#abort = null;
    this.status = this.value === null ? 'idle' : 'ready';
    this.#host.requestUpdate();
  }

  /** Forgets the task and the value: nothing to show. */
  clear(): void {
    this.cancel();
    this.task = null;
    this.set(null, 'idle');
  }

  /** Shows a value that came from elsewhere (the answer to a write). */
  set(value: T | null, status: LoadStatus = 'ready'): void {
    this.value = value;
    this.status = status;
    this.error = null;
    this.#host.requestUpdate();
  }
}
