import { type ReadableAtom, type WritableAtom, atom, computed } from 'nanostores';
import { getMe } from './api.ts';
import type { Me } from '@hearth/contracts';
import { createClient, type HearthClient } from './client.ts';
import { type ConfigOverrides, type HearthConfig, resolveConfig } from './config.ts';
import { HearthError } from './errors.ts';
import { TokenProvider } from './token.ts';

/** Who is using the widgets, as far as Hearth knows. */
export type MeState =
  | { status: 'loading' }
  | { status: 'signed-in'; me: Me }
  /** `signInUrl`: Hearth signs people in itself, and this is where (the state box offers it). */
  | { status: 'signed-out'; signInUrl?: string }
  | { status: 'error'; error: HearthError };

/**
 * The person signed in on this page. Widgets that override `api` or `token-url` to reach
 * another Hearth get their own identity through their session.
 */
export const $me: WritableAtom<MeState> = atom<MeState>({ status: 'loading' });

/** Everything the widgets talking to one Hearth server share: one client, one identity. */
export interface HearthSession {
  readonly config: HearthConfig;
  readonly client: HearthClient;
  readonly $me: WritableAtom<MeState>;
  /** Derived from `$me`: the signed-in person, or null (loading, signed out, failed). */
  readonly $person: ReadableAtom<Me | null>;
  /** Loads the current person once for all widgets; `force` asks again (after signing in). */
  loadMe(force?: boolean): Promise<void>;
  /** Where the tokens come from (the token URL), or null without one. */
  readonly tokens: TokenProvider | null;
}

let transport: typeof fetch | null = null;

/**
 * Replaces the network for every session, existing and future: tests and stories pass the mock
 * API's `fetch`. `null` restores the browser's.
 */
export function setTransport(fetchImpl: typeof fetch | null): void {
  transport = fetchImpl;
}

/** The network every session asks through: the browser's, or the one a test or story set. */
export const currentTransport = (): typeof fetch => transport ?? globalThis.fetch.bind(globalThis);

const sessions = new Map<string, HearthSession>();
/** Every session of the page (signing out asks each one on the same token URL again). */
export const allSessions = () => sessions.values();
const tokenProviders = new Map<string, TokenProvider>();

/**
 * The shared session for the server a widget is configured to use: `inherited` is the session of
 * an enclosing `<hearth-config>` or outer widget (through context), used as it is unless the
 * widget's own attributes point elsewhere.
 */
export function sessionFor(own: ConfigOverrides = {}, inherited: HearthSession | null = null): HearthSession {
  if (inherited && !own.api && !own.tokenUrl) return inherited;
  const config = resolveConfig(own, inherited?.config ?? null);
  const key = `${config.apiBase} ${config.tokenUrl ?? ''}`;
  let session = sessions.get(key);
  if (!session) {
    session = createSession(config, isPageConfig(config) ? $me : atom<MeState>({ status: 'loading' }));
    sessions.set(key, session);
  }
  return session;
}

function isPageConfig(config: HearthConfig): boolean {
  const page = resolveConfig();
  return page.apiBase === config.apiBase && page.tokenUrl === config.tokenUrl;
}

function createSession(config: HearthConfig, me: WritableAtom<MeState>): HearthSession {
  // One token request per token URL, even for widgets that reach different API origins with it.
  let tokens: TokenProvider | null = null;
  if (config.tokenUrl) {
    tokens = tokenProviders.get(config.tokenUrl) ?? new TokenProvider(config.tokenUrl, currentTransport);
    tokenProviders.set(config.tokenUrl, tokens);
  }
  let pending: Promise<void> | null = null;
  const signedOut = (): MeState => {
    const signInUrl = tokens?.signInUrl;
    if (!signInUrl) return { status: 'signed-out' };
    // The Sign in button comes in a chunk of its own: only pages that need it fetch it (a failed
    // fetch is tried again at the next answer). Not lazyDefine, whose chunk /editor does without;
    // the tag comes from the chunk, so the manifest (elements pages write) leaves it out.
    if (!customElements.get('hearth-sign-in')) {
      import('./sign-in.ts').then((m) => customElements.get(m.signInTag) ?? customElements.define(m.signInTag, m.HearthSignIn), () => {});
    }
    return { status: 'signed-out', signInUrl };
  };
  const client = createClient({
    apiBase: config.apiBase,
    tokens,
    transport: currentTransport,
    onSignedOut: () => me.set(signedOut()),
  });
  return {
    config,
    client,
    tokens,
    $me: me,
    $person: computed(me, (state) => (state.status === 'signed-in' ? state.me : null)),
    loadMe(force = false) {
      if (pending && !force) return pending;
      if (force || me.get().status !== 'signed-in') me.set({ status: 'loading' });
      pending = getMe(client).then(
        (person) => me.set({ status: 'signed-in', me: person }),
        (error: unknown) => {
          const failure = error instanceof HearthError ? error : HearthError.network();
          me.set(failure.signedOut ? signedOut() : { status: 'error', error: failure });
        },
      );
      return pending;
    },
  };
}
