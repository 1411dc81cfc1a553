/**
 * The CLI's progress bar (cli-progress): one bar per entity with counts, rate and time left, on
 * stderr and only when stderr is a terminal, so stdout stays clean for --json and pipes.
 */
import { SingleBar, Presets } from 'cli-progress';

export interface EntityProgress {
  (event: { entity: string; done: number; total: number }): void;
  stop(): void;
}

export function entityProgress(stream: NodeJS.WriteStream = process.stderr): EntityProgress {
  if (stream.isTTY !== true) return Object.assign(() => undefined, { stop: () => undefined });
  let bar: SingleBar | null = null;
  let current = '';
  let started = 0;
  const update = (event: { entity: string; done: number; total: number }) => {
    if (event.entity !== current) {
      bar?.stop();
      bar = null;
      current = event.entity;
      if (event.total === 0) return; // an empty file: no bar
      bar = new SingleBar({
        stream,
        format: `${event.entity.padEnd(22)} {bar} {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 50,
      }, Presets.shades_classic);
      started = Date.now();
      bar.start(event.total, event.done, { rate: '0' });
      return;
    }
    if (!bar) return;
    const elapsed = (Date.now() - started) / 1000;
    bar.setTotal(Math.max(event.total, event.done));
    bar.update(event.done, { rate: elapsed > 0 ? Math.round(event.done / elapsed).toLocaleString('en') : '0' });
  };
  return Object.assign(update, { stop: () => bar?.stop() });
}
