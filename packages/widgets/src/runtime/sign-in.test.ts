/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { Me, Problem } from '@hearth/contracts';
import { type MockApi, json, problem, samplePeople } from '../testing/mock-api.ts';
import { WIDGETS, type WidgetName, adoptionApi, find, i18nApi, loaded, moderationApi, mount, unmountAll, widget } from '../testing/i18n-fixtures.ts';
import { buttons, tabTo } from '../testing/report-helpers.ts';
import { HearthError } from './errors.ts';
import { setTransport } from './session.ts';
import { errorText } from './strings.ts';
import { endSession } from './sign-out.ts';
import { TokenProvider } from './token.ts';

/*
 * Hearth's own sign-in (AUTH_MODE=oidc): the token URL answers the `sign-in-required` problem, the
 * widgets' signed-out box offers Sign in, which opens Hearth's sign-in in a popup; the popup's
 * `hearth-signed-in` message (from Hearth's origin only) lets every widget load, without a reload.
 */

const [, jonas] = samplePeople as [Me, Me];

/** Both mocks of the page (the moderation queue has its own) signed out, with Hearth's sign-in. */
function signedOutApi(): { api: MockApi; mod: MockApi; adoption: MockApi } {
  const api = i18nApi();
  const mod = moderationApi(api);
  const adoption = adoptionApi(api);
  for (const mock of [api, mod, adoption]) {
    mock.me = null;
    mock.signIn = true;
  }
  return { api, mod, adoption };
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
    const { api, mod, adoption } = signedOutApi();
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
    adoption.completeSignIn(samplePeople[3]!);
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

describe('signing in at Hearth: what the page is told', () => {
  it('the signed-out box does not send the person to the intranet: it says sign in, beside the Sign in button', async () => {
    const { api } = signedOutApi();
    const root = mount(widget('feed', api));
    const feed = find(root, 'feed');
    await showsSignIn(feed, 'feed');
    const box = feed.shadowRoot!.querySelector('.state')!;
    expect(box.querySelector('p')!.textContent).to.equal('You are signed out. Sign in to see and write posts.');
    expect(box.textContent).not.to.contain('intranet');
  });

  it('the popup’s one-time code goes to the token URL once, before the widgets load', async () => {
    const { api } = signedOutApi();
    const root = mount(html`${widget('feed', api)}${widget('cloud', api)}`);
    const feed = find(root, 'feed');
    (await showsSignIn(feed, 'feed')).click();
    api.completeSignIn(jonas, api.origin, 'code-from-the-popup-0123456789');
    await waitUntil(() => loaded(feed, 'feed'), 'the feed did not load');
    expect(api.handedIn).to.deep.equal(['code-from-the-popup-0123456789']);
    const handIn = api.calls('token').find((call) => call.method === 'POST');
    expect(handIn, 'handed in with POST').to.not.equal(undefined);
  });

  it('a sign-in window that failed says why under the button, in the page’s language, and keeps the draft', async () => {
    document.documentElement.setAttribute('lang', 'de');
    const { api } = signedOutApi();
    api.me = samplePeople[0]!;
    const root = mount(html`<hearth-feed api=${api.api} token-url=${api.tokenUrl} compose></hearth-feed>`);
    const feed = find(root, 'feed');
    await waitUntil(() => feed.shadowRoot!.querySelector('hearth-feed-composer textarea'), 'no composer');
    feed.shadowRoot!.querySelector<HTMLTextAreaElement>('hearth-feed-composer textarea')!.focus();
    await sendKeys({ type: 'Kept while signing in' });
    api.me = null;
    api.expireToken();
    void (feed as HTMLElement & { reload(): Promise<void> }).reload();
    (await showsSignIn(feed, 'feed', 'Anmelden')).click();
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'hearth-sign-in-failed', reason: 'unavailable' }, origin: api.origin }));
    await waitUntil(() => feed.shadowRoot!.querySelector('hearth-sign-in [role="alert"]'), 'nothing said the sign-in failed');
    expect(feed.shadowRoot!.querySelector('hearth-sign-in [role="alert"]')!.textContent).to.contain('Die Anmeldung ist gerade nicht möglich');
    // From elsewhere, nothing is said.
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'hearth-sign-in-failed', reason: 'deactivated' }, origin: 'https://evil.example' }));
    expect(feed.shadowRoot!.querySelector('hearth-sign-in [role="alert"]')!.textContent).not.to.contain('deaktiviert');
    api.completeSignIn(samplePeople[0]!);
    await waitUntil(() => feed.shadowRoot!.querySelector('hearth-feed-composer textarea'), 'the composer did not come back');
    expect(feed.shadowRoot!.querySelector<HTMLTextAreaElement>('hearth-feed-composer textarea')!.value).to.equal('Kept while signing in');
  });

  it('signOut() on <hearth-config>: the widgets inside go to Sign in', async () => {
    const { api } = signedOutApi();
    api.me = samplePeople[0]!;
    const root = mount(html`<hearth-config api=${api.api} token-url=${api.tokenUrl}
      ><hearth-feed compose></hearth-feed><hearth-tag-cloud></hearth-tag-cloud
    ></hearth-config>`);
    const feed = root.querySelector('hearth-feed')!;
    const cloud = root.querySelector('hearth-tag-cloud')!;
    await waitUntil(() => feed.shadowRoot!.querySelector('hearth-feed-composer textarea'), 'no composer');
    await waitUntil(() => loaded(cloud, 'cloud'), 'the cloud did not load');
    api.me = null;
    const ended = await root.querySelector('hearth-config')!.signOut();
    expect(ended).to.equal(null);
    await showsSignIn(feed, 'feed');
    // The cloud does not show who is signed in, and still lets its tags go.
    await showsSignIn(cloud, 'cloud');
    expect(feed.shadowRoot!.querySelector('hearth-feed-composer textarea')).to.equal(null);
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

  const silentPage = (result: string) => `${location.origin}/packages/widgets/src/testing/silent-sign-in.html?result=${result}`;
  const signInRequired = (silent?: string) => () =>
    problem(401, 'Sign-in required', { type: '/problems/sign-in-required', signInUrl: 'https://hearth.example.com/auth/login', ...(silent ? { silentSignInUrl: silent } : {}) } as Partial<Problem>);
  const tokenAnswer = () => json(200, { token: 't', expiresAt: new Date(Date.now() + 600_000).toISOString() });

  it('same site: a silentSignInUrl is tried once in a hidden frame; its hearth-signed-in brings a token without a click', async () => {
    let answer = signInRequired(silentPage('ok'));
    const { tokens, seen } = provider('https://hearth.example.com/auth/token', () => {
      const response = answer();
      answer = tokenAnswer;
      return response;
    });
    expect(await tokens.get()).to.equal('t');
    expect(seen.length).to.equal(2);
    expect(document.querySelector('iframe'), 'the frame is gone').to.equal(null);
  });

  it('same site, no session at the identity provider: the frame says so and the Sign in button is offered; tried once only', async () => {
    let frames = 0;
    const observer = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node instanceof HTMLIFrameElement) frames += 1;
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    const { tokens } = provider('https://hearth.example.com/auth/token', signInRequired(silentPage('refused')));
    expect(await tokens.get()).to.equal(null);
    expect(tokens.signInUrl).to.equal('https://hearth.example.com/auth/login');
    expect(await tokens.refresh()).to.equal(null);
    observer.disconnect();
    expect(frames, 'one hidden frame, once').to.equal(1);
    expect(document.querySelector('iframe')).to.equal(null);
  });

  it('a frame that never answers (a portal whose policy forbids it) gives up, and Sign in is offered', async () => {
    const { tokens } = provider('https://hearth.example.com/auth/token', signInRequired(silentPage('none')));
    const started = Date.now();
    expect(await tokens.get()).to.equal(null);
    expect(Date.now() - started).to.be.within(5_000, 9_000);
    expect(tokens.signInUrl).to.equal('https://hearth.example.com/auth/login');
  }).timeout(12_000);

  it('hands in the popup’s code with POST { handoff } and keeps the token it brings', async () => {
    const { tokens, seen } = provider('https://hearth.example.com/auth/token', tokenAnswer);
    expect(await tokens.redeem('the-code-0123456789abcdef')).to.equal('t');
    expect(seen[0]!.method).to.equal('POST');
    expect(await seen[0]!.json()).to.deep.equal({ handoff: 'the-code-0123456789abcdef' });
    expect(await tokens.get()).to.equal('t');
    expect(seen.length, 'the token is kept').to.equal(1);
  });

  it('signing out posts …/auth/logout with the cookies, answers the end-session URL, and then no quiet sign-in', async () => {
    let answer: () => Response = tokenAnswer;
    const { tokens, seen } = provider('https://hearth.example.com/auth/token', () => answer());
    expect(await tokens.get()).to.equal('t');
    const logouts: Request[] = [];
    setTransport((async (input: RequestInfo | URL, init?: RequestInit) => {
      logouts.push(new Request(input, init));
      return json(200, { endSessionUrl: 'https://idp.example.com/logout?x=1' });
    }) as typeof fetch);
    answer = signInRequired(silentPage('ok'));
    try {
      expect(await endSession(tokens)).to.equal('https://idp.example.com/logout?x=1');
    } finally {
      setTransport(null);
    }
    expect(logouts.length).to.equal(1);
    expect(logouts[0]!.url).to.equal('https://hearth.example.com/auth/logout');
    expect(logouts[0]!.method).to.equal('POST');
    expect(logouts[0]!.credentials).to.equal('include');
    expect(await tokens.get(), 'no token after signing out').to.equal(null);
    // Once by signing out, once by get(): no hidden frame signed the person back in in between.
    expect(seen.length).to.equal(3);
  });

  it('a deactivated account and an unreachable identity provider are said as such, not as “signed out”', async () => {
    let answer = () => problem(401, 'Account deactivated', { type: '/problems/account-deactivated', detail: 'your account is deactivated' } as Partial<Problem>);
    const { tokens } = provider('https://hearth.example.com/auth/token', () => answer());
    const deactivated = await tokens.get().then(() => null, (error: unknown) => error as HearthError);
    expect(deactivated).to.be.instanceOf(HearthError);
    expect(deactivated!.signedOut).to.equal(false);
    expect(errorText('fr', deactivated)).to.equal('Votre compte est désactivé. Demandez à votre administrateur.');
    answer = () => problem(503, 'Temporarily unavailable', { type: '/problems/unavailable', detail: 'the identity provider cannot be reached' } as Partial<Problem>);
    const unavailable = await tokens.refresh().then(() => null, (error: unknown) => error as HearthError);
    expect(unavailable!.status).to.equal(503);
    expect(errorText('en', unavailable)).to.equal('Sign-in is unavailable right now. Try again in a moment.');
  });
});
