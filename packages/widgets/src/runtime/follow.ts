import { css, html, nothing, type PropertyValues } from 'lit';
import { atom, type WritableAtom } from 'nanostores';
import { adopt } from './adopt.ts';
import type { FollowState, Following } from '@hearth/contracts';
import { isAbort } from './errors.ts';
import { HearthPart, fromWidget } from './hearth-part.ts';
import { defineStrings } from './i18n.ts';
import type { HearthSession } from './session.ts';
import { StoreController } from './store-controller.ts';
import { errorStrings, errorText, runtimePack } from './strings.ts';

/*
 * Following tags, people and communities from any widget: the page's one copy of what the
 * person follows (`GET /me/following`, asked once per session however many widgets show a
 * Follow button), `setFollowing` to change it, and `<hearth-follow>`, the Follow toggle. A chunk
 * of its own: a widget loads it only when it shows a Follow button (a selected tag, a community
 * its reader is not in) or the Following scope, so no widget's first download carries it.
 */

export const followStrings = defineStrings(runtimePack, 'follow', {
  follow: 'Follow',
  // The toggle's accessible name (a tag is said as #name); it is pressed while followed.
  followName: 'Follow {name}',
  followFailed: '{name} could not be followed: {reason}',
  unfollowFailed: '{name} could not be unfollowed: {reason}',
});
const { t } = followStrings;

/** What a Follow button follows: a tag (its name), a community (its slug), a person (their handle). */
export type FollowKind = 'tag' | 'community' | 'person';

/** Where each kind is followed: `PUT` follows, `DELETE` stops (both idempotent). */
const PATHS: Record<FollowKind, string> = { tag: 'tags', community: 'communities', person: 'people' };

/** What the person follows, as the page knows it: tags by name, communities by slug, people by handle. */
export type FollowingState =
  | { status: 'loading' }
  | { status: 'ready'; tag: ReadonlySet<string>; community: ReadonlySet<string>; person: ReadonlySet<string> }
  | { status: 'error'; error?: unknown };

const stores = new WeakMap<HearthSession, WritableAtom<FollowingState>>();

/**
 * Counts the follows and unfollows the server stored on this page (here, or on a person's card):
 * what shows the posts of what is followed (the feed's Following tab) loads again when it moves.
 */
export const $followed = atom(0);
const stored = () => $followed.set($followed.get() + 1);

/**
 * The session's following store, fetched on first use. A failed fetch is asked again when
 * `retry` is set (a widget's Retry, a change of API or token URL).
 */
export function followingOf(session: HearthSession, retry = false): WritableAtom<FollowingState> {
  let store = stores.get(session);
  if (store && !(retry && store.get().status === 'error')) return store;
  if (!store) {
    // A person followed on their card (person/) goes through setFollowing too, so every
    // widget's store hears of it without a page-wide listener.
    stores.set(session, (store = atom<FollowingState>({ status: 'loading' })));
  }
  const target = store;
  target.set({ status: 'loading' });
  session.client.call<Following>('me/following').then(
    (f) =>
      target.set({
        status: 'ready',
        tag: new Set(f.tags),
        community: new Set(f.communities.map((c) => c.slug)),
        person: new Set(f.people.map((p) => p.handle)),
      }),
    (error) => target.set({ status: 'error', error }),
  );
  return target;
}

/** Whether `name` is followed; false while unknown. */
export function follows(state: FollowingState, kind: FollowKind, name: string): boolean {
  return state.status === 'ready' && state[kind].has(name);
}

/**
 * `state` with `name` followed or not. A state still loading, or that failed, is left as it is:
 * made 'ready' with the one name, it would pass for everything followed (every Follow button,
 * the feed's Following matching).
 */
function withOne(state: FollowingState, kind: FollowKind, name: string, on: boolean): FollowingState {
  if (state.status !== 'ready') return state;
  const set = new Set(state[kind]);
  if (on) set.add(name);
  else set.delete(name);
  return { ...state, [kind]: set };
}

/**
 * Follows or stops following at once on the page (every widget's button agrees), then asks the
 * server; on failure the one change is rolled back (others made meanwhile stay) and the error is
 * thrown for the caller to say.
 */
export async function setFollowing(session: HearthSession, kind: FollowKind, name: string, on: boolean): Promise<boolean> {
  const store = followingOf(session);
  store.set(withOne(store.get(), kind, name, on));
  try {
    const path = `${PATHS[kind]}/${encodeURIComponent(name)}/follow`;
    const { following } = await session.client.call<FollowState>(path, { method: on ? 'put' : 'delete' });
    if (following !== on) store.set(withOne(store.get(), kind, name, following));
    stored();
    return following;
  } catch (error) {
    store.set(withOne(store.get(), kind, name, !on));
    throw error;
  }
}

const styles = css`
  .follow {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.4 * var(--_space));
  }
  .follow button {
    white-space: nowrap;
    border-radius: 1em;
    font-weight: 600;
    color: var(--_accent);
    border-color: currentColor;
  }
  .follow button[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .follow button[aria-pressed='true']::before {
    content: '✓ ';
  }
  .follow .message,
  .follow .unknown {
    margin: 0;
    color: var(--_danger);
    overflow-wrap: anywhere;
  }
`;

/**
 * The Follow toggle of a tag, a community or a person, in any widget's shadow root: `aria-pressed` while
 * followed. Pressing it changes the page's following store at once and rolls back, with a
 * message in the widget's language, if the server refuses. Its button is the widget's `follow`
 * part.
 *
 * Defined as `<hearth-follow>` by the widgets that show it (lazyDefine). No `@tagname` here: the
 * manifest names each internal element after its widget (`hearth-<widget>-<part>`), and this one
 * is shared by several; it publishes no attributes either way.
 */
export class HearthFollow extends HearthPart {
  static override properties = {
    kind: fromWidget,
    name: fromWidget,
    label: fromWidget,
    _error: { state: true },
  };

  /** A tag, a community or a person. */
  declare kind: FollowKind;
  /** The tag's name, the community's slug or the person's handle. */
  declare name: string;
  /** How the community or the person is called (their name); a tag is said as `#name`. */
  declare label: string;
  declare _error: string;

  #following: StoreController<FollowingState> | null = null;

  constructor() {
    super();
    this.kind = 'tag';
    this.name = '';
    this.label = '';
    this._error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), styles);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const session = this.session;
    if (!session) return;
    const store = followingOf(session, this.scopeChanged(changed, []));
    if (!this.#following) this.#following = new StoreController(this, store);
    else this.#following.store = store;
    if (changed.has('name') || changed.has('kind')) this._error = '';
  }

  /** How the followed is said: `#name` for a tag, else its label (a community's or a person's name). */
  get #said(): string {
    return this.kind === 'tag' ? `#${this.name}` : this.label || this.name;
  }

  async #toggle(): Promise<void> {
    const session = this.session;
    if (!session || !this.#following) return;
    const { kind, name } = this;
    const on = !follows(this.#following.value, kind, name);
    this._error = '';
    try {
      await setFollowing(session, kind, name, on);
    } catch (error) {
      if (isAbort(error) || this.name !== name) return;
      this._error = t(this.locale, on ? 'followFailed' : 'unfollowFailed', { name: this.#said, reason: errorText(this.locale, error) });
    }
  }

  readonly #retry = (): void => {
    const session = this.session;
    if (session && this.#following) this.#following.store = followingOf(session, true);
  };

  protected override render() {
    const state = this.#following?.value;
    if (!this.name || !state) return nothing;
    const locale = this.locale;
    const label = t(locale, 'followName', { name: this.#said });
    // What is followed could not be loaded: the toggle cannot say whether it is on, so it waits
    // (disabled, the reason as its title) beside a Retry that asks again.
    const failed = state.status === 'error' ? errorText(locale, state.error) || errorStrings.t(locale, 'network') : '';
    return html`<span class="follow"
      ><button
        type="button"
        part="follow"
        aria-label=${label}
        aria-pressed=${follows(state, this.kind, this.name) ? 'true' : 'false'}
        aria-disabled=${state.status === 'ready' ? 'false' : 'true'}
        title=${failed || nothing}
        @click=${() => state.status === 'ready' && void this.#toggle()}
      >
        ${t(locale, 'follow')}</button
      >${failed
        ? html`<span class="unknown">${failed}</span
            ><button type="button" class="retry" @click=${this.#retry}>${errorStrings.t(locale, 'retry')}</button>`
        : nothing}<span role="alert">${this._error ? html`<span class="message">${this._error}</span>` : nothing}</span></span
    >`;
  }
}

export default HearthFollow;
