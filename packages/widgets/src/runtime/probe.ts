import { HearthError } from './errors.ts';

/**
 * An opaque request to the health check of the Hearth at `url` (no answer to read, so CORS does
 * not apply): when it gets through, the server is there and the browser refused its answers to
 * this page, whose origin is not in ALLOWED_ORIGINS; when it does not, the network is the cause.
 */
export async function probe(url: string, transport: typeof fetch): Promise<HearthError> {
  const error = HearthError.network();
  const health = new URL('/healthz', new URL(url, document.baseURI));
  if (health.origin === location.origin) return error;
  try {
    await transport(health, { mode: 'no-cors', credentials: 'omit', cache: 'no-store' });
    error.notAllowed = true;
  } catch {
    // Not there either: the network.
  }
  return error;
}
