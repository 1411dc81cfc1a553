/**
 * Rendering in slices, so that a page's widgets never hold its main thread for long. Lit runs an
 * element's update in a microtask after the change, so everything that changes in one task
 * renders in that task: the six widgets of a portal page as hearth.js defines them, every widget
 * at once when the person's answer arrives, the ten posts of a feed. Cold (no code cache) that is
 * 100 ms and more in one piece, time in which the page answers no click and no key
 * (`npm run bench:web`, docs/benchmarks.md).
 *
 * `HearthElement` and `HearthPart` schedule their updates here (Lit's `scheduleUpdate` hook): an
 * update runs at once while the updates of the current task have taken less than SLICE_MS; after
 * that it waits, in order, for a later slice: a new task after the browser had its turn
 * (`scheduler.yield()`, or a timeout where it is missing). So the first posts of a feed show
 * first and the rest follow in the next slices.
 */
const SLICE_MS = 8;

/**
 * When the current slice started; -1: no update ran in this task yet. The task that evaluates
 * this module goes on to evaluate the widgets' code and to upgrade their elements on the page:
 * it counts as a slice begun, so on a slow start their first renders come in the next slices.
 */
let sliceStart = performance.now();
setTimeout(() => (sliceStart = -1));
/** Updates waiting for a slice, oldest first: each one's go-ahead. */
const queue: Array<() => void> = [];
/** Settles once no update waits for a slice any more; null while none does. */
export let draining: Promise<void> | null = null;

/** Runs `update` now if the current slice has time left, else once a later slice has. */
export function inSlice(update: () => unknown): unknown {
  const now = performance.now();
  if (sliceStart < 0) {
    sliceStart = now;
    // The next task starts a new slice (a timeout comes after the tasks already queued, so a
    // few of those may share this slice: they only wait a little sooner).
    setTimeout(() => (sliceStart = -1));
  }
  if (!draining && now - sliceStart < SLICE_MS) return update();
  const turn = new Promise<void>((go) => queue.push(go));
  draining ??= drain();
  return turn.then(update);
}

async function drain(): Promise<void> {
  const scheduler = (self as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  while (queue.length) {
    await (scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve)));
    sliceStart = performance.now();
    // At least one update per slice, so the queue always moves on; each one runs (a microtask
    // after its go-ahead) before the time is looked at again.
    do {
      queue.shift()!();
      await Promise.resolve();
    } while (queue.length && performance.now() - sliceStart < SLICE_MS);
  }
  draining = null;
}

/**
 * What `HearthElement` and `HearthPart` answer for `getUpdateComplete`: their own update, then
 * what waits for a slice (their parts among them), then their own again, so that what awaits
 * `updateComplete` finds everything in place, as if it had all rendered in one task.
 */
export async function completeAfterSlices(own: () => Promise<boolean>): Promise<boolean> {
  await own();
  await draining;
  return own();
}
