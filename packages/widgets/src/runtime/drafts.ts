/**
 * Unsent text, kept in localStorage until the server confirms it, so a reload, a crash or a
 * failed request never loses what a person wrote. The idempotency key travels with the draft:
 * a retry (even after a reload) sends the same key, so the server stores the post once.
 */
export interface Draft {
  body: string;
  /** The key the last attempt to send exactly `body` used; null until the first attempt. */
  key: string | null;
}

const PREFIX = 'hearth:draft:';

export function loadDraft(scope: string): Draft | null {
  try {
    const raw = localStorage.getItem(PREFIX + scope);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<Draft>;
    return typeof draft.body === 'string' ? { body: draft.body, key: draft.key ?? null } : null;
  } catch {
    // Storage can be disabled (sandboxed iframes, some private modes) or hold garbage.
    return null;
  }
}

export function saveDraft(scope: string, draft: Draft): void {
  try {
    if (draft.body) localStorage.setItem(PREFIX + scope, JSON.stringify(draft));
    else localStorage.removeItem(PREFIX + scope);
  } catch {
    // Full or disabled storage: the draft still lives in the textarea.
  }
}

export function clearDraft(scope: string): void {
  saveDraft(scope, { body: '', key: null });
}

/**
 * 32 random hex digits. crypto.randomUUID needs a secure context, and intranets still serve
 * plain http; getRandomValues does not.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
