/**
 * Widgets that could not load because Hearth could not be reached (the network, a gateway, a
 * server restarting) load again by themselves when it answers again: when any request of the
 * page succeeds after such a failure (a post goes through after an outage), or when the browser
 * comes back online. A failure that is an answer (not found, not allowed, bad input) is not
 * retried: nothing will change by itself.
 */

/** What is retried: a loader's `reload`, keeping what it shows. */
export interface Retriable {
  reload(keep?: boolean): Promise<void>;
}

const waiting = new Set<Retriable>();
let lost = false;

/** `loader` failed on the connection: it loads again when Hearth answers. */
export function waitForConnection(loader: Retriable): void {
  waiting.add(loader);
  lost = true;
}

/** `loader` loaded, or gave up for another reason, or left the page: nothing to retry. */
export function forget(loader: Retriable): void {
  waiting.delete(loader);
}

/** A request failed on the connection (status 0, or a gateway's 502 to 504). */
export function connectionLost(): void {
  lost = true;
}

/** A request got an answer: after a loss, everything that waits loads again. */
export function connectionWorks(): void {
  if (!lost) return;
  lost = false;
  const all = [...waiting];
  waiting.clear();
  // After the answer is handled: a loader that fails again waits again.
  queueMicrotask(() => {
    for (const loader of all) void loader.reload(true);
  });
}

/** Whether a failure is the connection's (and may go away by itself). */
export const onConnection = (status: number): boolean => status === 0 || (status >= 502 && status <= 504);

window.addEventListener('online', () => {
  lost = true;
  connectionWorks();
});
