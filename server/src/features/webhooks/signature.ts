import { Webhook } from 'standardwebhooks';

/**
 * Webhooks follow the Standard Webhooks specification (standardwebhooks.com), with its reference
 * library: every delivery carries `webhook-id` (the same on each retry, for receivers to drop
 * duplicates), `webhook-timestamp` (unix seconds, of this attempt) and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`). WEBHOOK_SECRET is either a Standard
 * Webhooks secret (`whsec_<base64>`) or any other string of at least 32 characters, used as raw
 * bytes (receivers then pass `{ format: 'raw' }`).
 */
function webhookFor(secret: string): Webhook {
  return secret.startsWith('whsec_') ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });
}

/** The three headers that sign `body` as delivery `id` at `at`. */
export function webhookHeaders(secret: string, id: string, body: string, at = new Date()): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': webhookFor(secret).sign(id, at, body),
  };
}

/**
 * What a receiver (the portal's bridge to e-mail or chat) runs, here with the same library:
 * true when the headers sign `body` with `secret` and the timestamp is within five minutes.
 */
export function verifyWebhook(secret: string, headers: Record<string, string | string[] | undefined>, body: string): boolean {
  const one = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  try {
    webhookFor(secret).verify(body, {
      'webhook-id': one('webhook-id') ?? '',
      'webhook-timestamp': one('webhook-timestamp') ?? '',
      'webhook-signature': one('webhook-signature') ?? '',
    });
    return true;
  } catch {
    return false;
  }
}
