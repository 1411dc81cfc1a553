import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TagCloudEntry } from '@hearth/contracts';
import { type CloudQuery, tagCloud } from '../runtime/api.ts';
import type { HearthClient } from '../runtime/client.ts';
import { HearthError, isAbort } from '../runtime/errors.ts';

export type CloudStatus = 'loading' | 'ready' | 'error' | 'signed-out' | 'not-found';

/**
 * The tags behind a cloud. Each load aborts the one before it, so a late answer for an old
 * window or community never paints over the current one; a removed element cancels its request
 * and starts it again when it comes back.
 */
export class TagCloudController implements ReactiveController {
  status: CloudStatus = 'loading';
  items: TagCloudEntry[] = [];
  error: HearthError | null = null;
  /** A load was cut short by the element leaving the page; it must start again on return. */
  interrupted = false;

  #host: ReactiveControllerHost;
  #client: HearthClient | null = null;
  #query: CloudQuery = {};
  #abort: AbortController | null = null;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    if (!this.#abort) return;
    this.#abort.abort();
    this.#abort = null;
    this.interrupted = true;
  }

  load(client: HearthClient, query: CloudQuery): Promise<void> {
    this.#client = client;
    this.#query = query;
    return this.reload();
  }

  async reload(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.interrupted = false;
    this.status = 'loading';
    this.error = null;
    this.#host.requestUpdate();
    try {
      const cloud = await tagCloud(client, this.#query, abort.signal);
      if (abort.signal.aborted) return;
      this.items = cloud.items;
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error) || abort.signal.aborted) return;
      const failure = error instanceof HearthError ? error : HearthError.network();
      this.error = failure;
      this.status = failure.signedOut ? 'signed-out' : failure.notFound ? 'not-found' : 'error';
    } finally {
      if (this.#abort === abort) {
        this.#abort = null;
        this.#host.requestUpdate();
      }
    }
  }
}
