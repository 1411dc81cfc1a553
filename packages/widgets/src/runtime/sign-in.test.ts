/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { Me, Problem } from '@hearth/contracts';
import { type MockApi, json, problem, samplePeople } from '../testing/mock-api.ts';
import { WIDGETS, type WidgetName, find, i18nApi, loaded, moderationApi, mount, unmountAll, widget } from '../testing/i18n-fixtures.ts';
import { buttons, tabTo } from '../testing/report-helpers.ts';
import { TokenProvider } from './token.ts';

/*
 * Hearth's own sign-in (AUTH_MODE=oidc): the token URL answers the `sign-in-required` problem, the
 * widgets' signed-out box offers Sign in, which opens Hearth's sign-in in a popup; the popup's
 * `hearth-signed-in` message (from Hearth's origin only) lets every widget load, without a reload.
 */

const [, jonas] = samplePeople as [Me, Me];

/** Both mocks of the page (the moderation queue has its own) signed out, with Hearth's sign-in. */
function signedOutApi(): { api: MockApi; mod: MockApi } {
  const api = i18nApi();
  const mod = moderationApi(api);
  for (const mock of [api, mod]) {
    mock.me = null;
    mock.signIn = true;
  }
  return { api, mod };
}

const signInButtons = (el: HTMLElement, name: string | RegExp = 'Sign in') => buttons(el.shadowRoot!, name);

async function showsSignIn(el: HTMLElement, name: WidgetName, label = 'Sign in'): Promise<HTMLButtonElement> {
  await waitUntil(() => signInButtons(el, label).length > 0, `${name} offers no "${label}" button`);
  return signInButtons(el, label)[0]!;
}

let opened: Array<[string | URL | undefined, string | undefined, string | undefined]> = [];
let openAnswer: Window | null = null;
const realOpen = window.open;

beforeEach(() => {
  opened = [];
  // A window that stays "open" until the test says otherwise, or null: a blocked popup.
  openAnswer = { closed: false, focus() {} } as unknown as Window;
  window.open = ((url?: string | URL, target?: string, features?: string) => {
    opened.push([url, target, features]);
    return openAnswer;
  }) as typeof window.open;
});

afterEach(() => {
  window.open = realOpen;
  if (openAnswer) (openAnswer as { closed: boolean }).closed = true;
  unmountAll();
  document.documentElement.removeAttribute('lang');
  localStorage.clear();
});

describe('signing in at Hearth from a widget', () => {
  it('every widget says Sign in, in the page’s language, and it is reachable by keyboard', async () => {
    document.documentElement.setAttribute('lang', 'de');
    const { api } = signedOutApi();
    const root = mount(html`${WIDGETS.map((name) => widget(name, api))}`);
    for (const name of WIDGETS) {
      const el = find(root, name);
      const button = await showsSignIn(el, name, 'Anmelden');
      expect(button.disabled, name).to.equal(false);
      expect(button.tabIndex, name).to.equal(0);
    }
    const feed = find(root, 'feed');
    const button = signInButtons(feed, 'Anmelden')[0]!;
    (feed.shadowRoot!.querySelector('.root') as HTMLElement).focus();
    await tabTo(feed.shadowRoot!, button);
  });

  it('a portal’s bare 401 at the token URL still says only “signed out”, with no Sign in', async () => {
    const api = i18nApi();
    api.me = null;
    const root = mount(widget('feed', api));
    const feed = find(root, 'feed');
    await waitUntil(() => feed.shadowRoot!.querySelector('.state'), 'no signed-out box');
    // The chunk is not even fetched: the element stays undefined, empty.
    expect(signInButtons(feed).length).to.equal(0);
  });

  it('pressing Sign in (Enter) opens Hearth’s sign-in in one popup, told the page’s origin', async () => {
    const { api } = signedOutApi();
    const root = mount(html`${widget('feed', api)}${widget('cloud', api)}`);
    const feed = find(root, 'feed');
    const cloud = find(root, 'cloud');
    const button = await showsSignIn(feed, 'feed');
    button.focus();
    await sendKeys({ press: 'Enter' });
    expect(opened.length).to.equal(1);
    const [url, target, features] = opened[0]!;
    expect(String(url)).to.equal(`${api.signInUrl}?origin=${encodeURIComponent(location.origin)}`);
    expect(target).to.equal('hearth-sign-in');
    expect(features).to.equal('popup,width=500,height=650');
    // Another widget's button while the popup is open brings it forward instead of a second one.
    (await showsSignIn(cloud, 'cloud')).click();
    expect(opened.length).to.equal(1);
  });

  it('a hearth-signed-in message from another origin is ignored', async () => {
    const { api } = signedOutApi();
    const root = mount(widget('feed', api));
    const feed = find(root, 'feed');
    (await showsSignIn(feed, 'feed')).click();
    const tokens = api.calls('token').length;
    // From a page that is not Hearth (here, the test page's own origin): nothing happens.
    api.completeSignIn(jonas, 'https://evil.example');
    api.completeSignIn(jonas, location.origin);
    api.me = jonas;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.calls('token').length, 'no token was asked for').to.equal(tokens);
    expect(loaded(feed, 'feed')).to.equal(false);
    expect(signInButtons(feed).length).to.equal(1);
    // Not even with the right origin when the message is not Hearth's.
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'signed-in' }, origin: api.origin }));
    window.dispatchEvent(new MessageEvent('message', { data: 'hearth-signed-in', origin: api.origin }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.calls('token').length).to.equal(tokens);
  });

  it('after the popup’s message every widget loads without a reload, and the composer keeps its draft', async () => {
    const { api, mod } = signedOutApi();
    // Signed in at first, with a draft typed in the composer…
    api.me = samplePeople[0]!;
    const root = mount(html`<hearth-feed api=${api.api} token-url=${api.tokenUrl} compose></hearth-feed>`);
    const feed = find(root, 'feed');
    await waitUntil(() => feed.shadowRoot!.querySelector('hearth-feed-composer textarea'), 'no composer');
    const textarea = feed.shadowRoot!.querySelector<HTMLTextAreaElement>('hearth-feed-composer textarea')!;
    textarea.focus();
    await sendKeys({ type: 'Half-written post' });
    // …then the session at Hearth ends: the feed asks again and is signed out, as are the
    // widgets the page shows next.
    api.me = null;
    api.expireToken();
    void (feed as HTMLElement & { reload(): Promise<void> }).reload();
    await showsSignIn(feed, 'feed');
    const others = mount(html`${WIDGETS.filter((name) => name !== 'feed').map((name) => widget(name, api))}`);
    for (const name of WIDGETS) if (name !== 'feed') await showsSignIn(find(others, name), name);
    const page = window.location.href;

    api.completeSignIn(samplePeople[0]!);
    mod.completeSignIn(jonas);
    const at = (name: WidgetName) => find(name === 'feed' ? root : others, name);
    for (const name of WIDGETS) await waitUntil(() => loaded(at(name), name), `${name} did not load after signing in`);
    expect(window.location.href).to.equal(page);
    for (const name of WIDGETS) expect(signInButtons(at(name)).length, name).to.equal(0);
    await waitUntil(() => feed.shadowRoot!.querySelector('hearth-feed-composer textarea'), 'the composer did not come back');
    expect(feed.shadowRoot!.querySelector<HTMLTextAreaElement>('hearth-feed-composer textarea')!.value).to.equal('Half-written post');
  });

  it('a blocked popup says so, with a link that opens the sign-in in a new tab', async () => {
    document.documentElement.setAttribute('lang', 'fr');
    const { api } = signedOutApi();
    openAnswer = null;
    const root = mount(widget('feed', api));
    const feed = find(root, 'feed');
    (await showsSignIn(feed, 'feed', 'Se connecter')).click();
    await waitUntil(() => feed.shadowRoot!.querySelector('hearth-sign-in [role="alert"]'), 'nothing said the popup was blocked');
    const alert = feed.shadowRoot!.querySelector('hearth-sign-in [role="alert"]')!;
    expect(alert.textContent).to.contain('Votre navigateur a bloqué la fenêtre de connexion.');
    const link = alert.querySelector('a')!;
    expect(link.textContent!.trim()).to.equal('Se connecter dans un nouvel onglet');
    expect(link.href).to.equal(`${api.signInUrl}?origin=${encodeURIComponent(location.origin)}`);
    expect(link.target).to.equal('_blank');
    // The tab's last page reports back through window.opener, as the popup does.
    expect(link.rel).to.equal('opener');
  });
});

describe('the token provider and Hearth’s sign-in', () => {
  /** A provider whose transport records the request and answers `response`. */
  function provider(url: string, response: () => Response) {
    const seen: Request[] = [];
    const tokens = new TokenProvider(url, () => (async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Request(input, init));
      return response();
    }) as typeof fetch);
    return { tokens, seen };
  }

  it('asks Hearth’s /auth/token with POST and the cookies; a portal’s token URL with GET', async () => {
    const ok = () => json(200, { token: 't', expiresAt: new Date(Date.now() + 600_000).toISOString() });
    const hearth = provider('https://hearth.example.com/auth/token', ok);
    const portal = provider('/hearth-token', ok);
    expect(await hearth.tokens.get()).to.equal('t');
    expect(await portal.tokens.get()).to.equal('t');
    expect(hearth.seen[0]!.method).to.equal('POST');
    expect(hearth.seen[0]!.credentials).to.equal('include');
    expect(portal.seen[0]!.method).to.equal('GET');
    expect(portal.seen[0]!.credentials).to.equal('include');
  });

  it('keeps the signInUrl of a sign-in-required answer (http or https only), and forgets it once signed in', async () => {
    let answer = () =>
      problem(401, 'Sign-in required', { type: '/problems/sign-in-required', signInUrl: 'https://hearth.example.com/auth/login' } as Partial<Problem>);
    const { tokens } = provider('https://hearth.example.com/auth/token', () => answer());
    expect(await tokens.get()).to.equal(null);
    expect(tokens.signInUrl).to.equal('https://hearth.example.com/auth/login');
    answer = () => problem(401, 'Sign-in required', { type: '/problems/sign-in-required', signInUrl: 'data:text/html,hi' } as Partial<Problem>);
    expect(await tokens.refresh()).to.equal(null);
    expect(tokens.signInUrl).to.equal(null);
    answer = () => problem(401, 'Not signed in');
    expect(await tokens.refresh()).to.equal(null);
    expect(tokens.signInUrl).to.equal(null);
    answer = () => problem(401, 'Sign-in required', { type: '/problems/sign-in-required', signInUrl: '/auth/login' } as Partial<Problem>);
    await tokens.refresh();
    expect(tokens.signInUrl, 'relative to the token URL').to.equal('https://hearth.example.com/auth/login');
    answer = () => json(200, { token: 't', expiresAt: new Date(Date.now() + 600_000).toISOString() });
    expect(await tokens.refresh()).to.equal('t');
    expect(tokens.signInUrl).to.equal(null);
  });
});
