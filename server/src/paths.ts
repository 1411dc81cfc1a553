import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server folder (`server/`), where the files the server serves and reads at run time live
 * (demo, editor and embed pages, migrations; the built widgets one level up). Found from this
 * module's own URL, one folder below it, which holds as well in the bundle `npm start` runs
 * (`server/build/main.mjs`, scripts/build-server.mjs), where every module shares the bundle's URL.
 */
export const SERVER_DIR = fileURLToPath(new URL('../', import.meta.url));

/** A folder under `server/` (or above it, with `..`), with a trailing separator. */
export const serverDir = (...parts: string[]) => `${join(SERVER_DIR, ...parts)}/`;
