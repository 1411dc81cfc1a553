// Company sign-in (AUTH_MODE=oidc, issue #12) end to end: oidc-provider as the company's IdP,
// Hearth behind HTTPS on hearth.contoso.test, portals on the same site (intranet.contoso.test)
// and on another site (portal.fabrikam.test), Chromium with third-party cookies blocked. The
// world is built by ./oidc-harness.ts; each scenario below uses a fresh browser profile.
//
//   0. third-party cookies are blocked in these browsers (a probe cookie, same site vs other site)
//   1. another site, script embed: Sign in → popup → widgets load without a reload; post;
//      reload → still signed in
//   2. another site, iframe embed: the same inside /embed/feed; and with the storage-access
//      permission granted (the person accepting the browser's prompt): without the frame's own
//      (partitioned) session, a reload signs in through the Storage Access API, no click
//   3. same site, IdP session but no Hearth session: signed in with no click and no popup
//   4. sign out from the portal: every widget shows Sign in, and a reload stays signed out
//   5. the IdP session ends: the next action leaves the widget signed out; signing in again
//      brings back the draft typed before
//   6. no credential seen in the run is in any request URL, any server log line or localStorage
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { HOSTS, JWT_SHAPE, SESSION_COOKIES, signInButton, startHarness, type Harness, type Visitor } from './oidc-harness.ts';

let harness: Harness;

before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** The widgets of a script-embed page, or of the /embed/feed frame. */
function widgets(scope: Page | FrameLocator) {
  const feed = scope.locator('hearth-feed');
  return {
    feed,
    cloud: scope.locator('hearth-tag-cloud'),
    composer: feed.locator('textarea'),
    postButton: feed.getByRole('button', { name: 'Post', exact: true }),
    post: (text: string) => feed.locator('[part~="body"]', { hasText: text }),
  };
}

/** A mark the page keeps until it is reloaded: the widgets signed in without a navigation. */
async function markPage(page: Page): Promise<string> {
  const mark = `mark-${Math.random().toString(36).slice(2)}`;
  await page.evaluate((m) => {
    (window as unknown as { __hearthTestMark: string }).__hearthTestMark = m;
  }, mark);
  return mark;
}
const pageMark = (page: Page) => page.evaluate(() => (window as unknown as { __hearthTestMark?: string }).__hearthTestMark ?? null);

/**
 * How soon a signed-out page shows its Sign in buttons (a script embed takes well under a second
 * here; waiting out a sign-in attempt that cannot succeed is what this catches).
 */
const SIGN_IN_SHOWS_MS = 3_000;

/** `locator` is visible within `ms`: true, else false (no throw). */
const shows = (locator: Locator, ms = 10_000) => locator.waitFor({ state: 'visible', timeout: ms }).then(() => true, () => false);

/** The answer of POST /auth/token from the page, with its cookies (what a widget would get). */
const tokenStatus = (page: Page, hearth: string) =>
  page.evaluate(async (url) => (await fetch(url, { method: 'POST', credentials: 'include', headers: { accept: 'application/json' } })).status, `${hearth}/auth/token`);

describe('0. third-party cookies are blocked in the test browsers', () => {
  let visitor: Visitor;
  before(async () => {
    visitor = await harness.visitor();
  });
  after(async () => {
    await visitor?.close();
  });

  test('a cookie Hearth\'s host set top-level is not sent from another site, and is from the same site', async () => {
    const { page } = visitor;
    const { hearth, fabrikam, intranet } = harness.origins;
    await page.goto(`${hearth}/__probe/set`);
    const echo = (from: string) =>
      page.goto(`${from}/blank`).then(() =>
        page.evaluate(async (url) => ((await (await fetch(url, { credentials: 'include' })).json()) as { cookie: string }).cookie, `${hearth}/__probe/echo`));
    const top = await page.goto(`${hearth}/__probe/echo`).then((r) => r!.json()) as { cookie: string };
    assert.match(top.cookie, /\bprobe=1\b/, 'the probe cookie was not set at all');
    assert.doesNotMatch(await echo(fabrikam), /\bprobe=1\b/, `${HOSTS.fabrikam} (another site) got Hearth's cookie: third-party cookies are not blocked`);
    assert.match(await echo(intranet), /\bprobe=1\b/, `${HOSTS.intranet} (the same site) did not get Hearth's cookie`);
  });
});

describe('1. another site, script embed: sign in once in a popup, post, reload, still signed in', () => {
  let visitor: Visitor;
  let page: Page;
  const draft = `Hello from the Fabrikam portal #crosssite ${Date.now()}`;
  let mark = '';
  before(async () => {
    visitor = await harness.visitor();
    page = visitor.page;
  });
  after(async () => {
    await visitor?.close();
  });

  test('signed out: every widget shows a Sign in button, promptly', async () => {
    const started = Date.now();
    await page.goto(`${harness.origins.fabrikam}/script`);
    const { feed, cloud } = widgets(page);
    await signInButton(feed).waitFor();
    await signInButton(cloud).waitFor();
    mark = await markPage(page);
    assert.ok(Date.now() - started < SIGN_IN_SHOWS_MS, `the Sign in buttons took ${Date.now() - started} ms to show`);
  });

  test('Sign in → the IdP in a popup → the popup closes, the widgets load without a page reload', async () => {
    const { feed, cloud, composer } = widgets(page);
    await visitor.signInWithPopup(signInButton(feed), 'maria.lopez');
    await composer.waitFor();
    await signInButton(cloud).waitFor({ state: 'detached' });
    assert.equal(await signInButton(page.locator('body')).count(), 0, 'a Sign in button is still shown');
    assert.equal(await pageMark(page), mark, 'the portal page was reloaded');
  });

  test('post: the post appears', async () => {
    const { composer, postButton, post } = widgets(page);
    await composer.fill(draft);
    await postButton.click();
    await post(draft).waitFor();
    assert.equal(await composer.inputValue(), '', 'the composer was not emptied');
  });

  test('reload the portal page: still signed in, with no click', async () => {
    await page.reload();
    const { composer, post } = widgets(page);
    const signedIn = await shows(composer);
    assert.ok(signedIn, `after a reload the feed shows ${await signInButton(page.locator('body')).count()} Sign in button(s) and no composer`);
    await post(draft).waitFor();
    assert.equal(await signInButton(page.locator('body')).count(), 0);
  });
});

/** Scenario 2, with or without the storage-access permission granted. */
function iframeScenario(label: string, login: string, grantStorageAccess: boolean) {
  describe(label, () => {
    let visitor: Visitor;
    let page: Page;
    let frame: FrameLocator;
    const draft = `Hello from the frame on Fabrikam #iframe ${login} ${Date.now()}`;
    let mark = '';
    before(async () => {
      visitor = await harness.visitor();
      page = visitor.page;
      frame = page.frameLocator('#hearth');
    });
    after(async () => {
      await visitor?.close();
    });

    if (grantStorageAccess) {
      test('the storage-access permission is granted (stands for the person accepting the browser\'s prompt)', async () => {
        const { hearth, fabrikam } = harness.origins;
        await page.goto(`${fabrikam}/blank`);
        // Chromium drops a DevTools session's permission overrides when it detaches: this one
        // stays attached until the browser closes. (Both orders: the names of CDP's two origins
        // do not say which is the frame's.)
        const cdp = await visitor.context.newCDPSession(page);
        const results = await Promise.allSettled([
          cdp.send('Browser.setPermission', { permission: { name: 'storage-access' }, setting: 'granted', origin: fabrikam, embeddedOrigin: hearth }),
          cdp.send('Browser.setPermission', { permission: { name: 'storage-access' }, setting: 'granted', origin: hearth, embeddedOrigin: fabrikam }),
        ]);
        assert.ok(results.some((r) => r.status === 'fulfilled'), `Browser.setPermission failed: ${results.map((r) => r.status === 'rejected' ? String(r.reason) : 'ok').join('; ')}`);
      });
    }

    test('signed out: the frame shows a Sign in button, promptly', async () => {
      const started = Date.now();
      await page.goto(`${harness.origins.fabrikam}/iframe`);
      await signInButton(widgets(frame).feed).waitFor();
      const took = Date.now() - started;
      mark = await markPage(page);
      if (grantStorageAccess) {
        const permission = await visitor.hearthFrame(page).evaluate(async () => (await navigator.permissions.query({ name: 'storage-access' as PermissionName })).state);
        assert.equal(permission, 'granted', 'the test\'s grant of storage-access did not reach the frame');
      }
      assert.ok(took < SIGN_IN_SHOWS_MS, `the Sign in button took ${took} ms to show`);
    });

    test('Sign in in the frame → popup → signed in without a reload', async () => {
      const { feed, composer } = widgets(frame);
      await visitor.signInWithPopup(signInButton(feed), login);
      const signedIn = await shows(composer, 15_000);
      assert.ok(signedIn, `the frame still shows ${await signInButton(feed).count()} Sign in button(s) after the popup closed`);
      assert.equal(await pageMark(page), mark, 'the portal page was reloaded');
    });

    test('post: the post appears in the frame', async () => {
      const { composer, postButton, post } = widgets(frame);
      await composer.fill(draft);
      await postButton.click();
      await post(draft).waitFor();
    });

    test('reload the portal page: the frame is still signed in, with no click', async () => {
      await page.reload();
      const { feed, composer, post } = widgets(frame);
      const signedIn = await shows(composer);
      assert.ok(signedIn, `after a reload the frame shows ${await signInButton(feed).count()} Sign in button(s) and no composer`);
      await post(draft).waitFor();
    });

    if (grantStorageAccess) {
      test('without the frame\'s own session, a reload signs in through the Storage Access API: no click', async () => {
        // The partitioned session gone (say, a browser without Partitioned cookies): only
        // Hearth's own first-party session, which the frame reaches with storage access, is left.
        await visitor.context.clearCookies({ name: 'hearth_portal_session' });
        const left = (await visitor.context.cookies()).filter((c) => c.name === 'hearth_portal_session');
        assert.deepEqual(left.map((c) => c.name), [], 'the partitioned cookie is still there');
        await page.reload();
        const { feed, composer } = widgets(frame);
        assert.ok(await shows(composer, 15_000), `after the reload the frame shows ${await signInButton(feed).count()} Sign in button(s)`);
        const { has, permission } = await visitor.hearthFrame(page).evaluate(async () => ({
          has: await document.hasStorageAccess(),
          permission: (await navigator.permissions.query({ name: 'storage-access' as PermissionName })).state,
        }));
        assert.equal(has, true, `signed in, but not through storage access; the permission is '${permission}' in the frame`);
      });
    }
  });
}

iframeScenario('2a. another site, iframe embed: sign in once, post, reload, still signed in', 'sam.okafor', false);
iframeScenario('2b. another site, iframe embed with the storage-access permission granted', 'helen.park', true);

describe('3. same site: an IdP session and no Hearth session → signed in with no click', () => {
  let visitor: Visitor;
  before(async () => {
    visitor = await harness.visitor();
  });
  after(async () => {
    await visitor?.close();
  });

  test('the person signed in at the IdP earlier; Hearth\'s cookies are gone', async () => {
    await visitor.signInTopLevel('ivan.petrov');
    await visitor.context.clearCookies({ domain: HOSTS.hearth });
    const left = (await visitor.context.cookies()).filter((c) => c.domain.endsWith(HOSTS.hearth)).map((c) => c.name);
    assert.deepEqual(left, [], 'Hearth cookies left');
    assert.ok((await visitor.context.cookies()).some((c) => c.domain.endsWith(HOSTS.idp)), 'no IdP session cookie');
  });

  test('opening the intranet page signs in by itself: no popup, no click, the composer appears', async () => {
    const { page, context } = visitor;
    let popups = 0;
    const onPage = () => {
      popups += 1;
    };
    context.on('page', onPage);
    const from = harness.urls.length;
    try {
      await page.goto(`${harness.origins.intranet}/script`);
      const { composer } = widgets(page);
      const signedIn = await shows(composer, 15_000);
      assert.ok(signedIn, `no composer: the page shows ${await signInButton(page.locator('body')).count()} Sign in button(s)`);
      assert.equal(popups, 0, 'a popup opened');
      const silent = harness.urls.slice(from).filter((u) => u.startsWith(harness.origins.idp) && new URL(u).searchParams.get('prompt') === 'none');
      assert.ok(silent.length > 0, 'signed in, but not by asking the IdP with prompt=none: how?');
      await signInButton(widgets(page).cloud).waitFor({ state: 'detached' });
      assert.equal(await signInButton(page.locator('body')).count(), 0, 'a Sign in button is shown');
    } finally {
      context.off('page', onPage);
    }
  });
});

describe('4. sign out from the portal: every widget shows Sign in, and a reload stays signed out', () => {
  let visitor: Visitor;
  let page: Page;
  let endSessionUrl: unknown;
  before(async () => {
    visitor = await harness.visitor();
    page = visitor.page;
  });
  after(async () => {
    await visitor?.close();
  });

  test('signed in on the other site\'s portal', async () => {
    await page.goto(`${harness.origins.fabrikam}/script`);
    const { feed, composer } = widgets(page);
    await visitor.signInWithPopup(signInButton(feed), 'maria.lopez');
    assert.ok(await shows(composer, 15_000), 'not signed in after the popup closed');
  });

  test('hearth-config.signOut(): every widget shows Sign in', async () => {
    const defined = await page.evaluate(() => typeof (document.querySelector('hearth-config') as unknown as { signOut?: unknown }).signOut);
    assert.equal(defined, 'function', '<hearth-config> has no signOut()');
    endSessionUrl = await page.evaluate(() => (document.querySelector('hearth-config') as unknown as { signOut(): Promise<string | null> }).signOut());
    const { feed, cloud } = widgets(page);
    await signInButton(feed).waitFor();
    await signInButton(cloud).waitFor();
  });

  test('reload: still signed out, and no session cookie is left for this portal', async () => {
    await page.reload();
    const { feed, cloud } = widgets(page);
    await signInButton(feed).waitFor();
    await signInButton(cloud).waitFor();
    assert.equal(await tokenStatus(page, harness.origins.hearth), 401, '/auth/token still hands out tokens to this portal');
    const partitioned = (await visitor.context.cookies())
      .filter((c) => SESSION_COOKIES.includes(c.name) && (c as { partitionKey?: string }).partitionKey)
      .map((c) => `${c.name} (partition ${(c as { partitionKey?: string }).partitionKey})`);
    assert.deepEqual(partitioned, [], 'partitioned session cookies left');
  });

  test('the session the popup started on Hearth\'s own site ended with it', async () => {
    // The popup's first-party cookie is still in the browser; from the same site it is sent.
    await page.goto(`${harness.origins.intranet}/blank`);
    assert.equal(await tokenStatus(page, harness.origins.hearth), 401, 'the first-party session of the same sign-in still gives tokens');
  });

  test('the IdP end-session URL signOut() answers carries no token (a portal opening it would put one in a URL)', () => {
    assert.ok(endSessionUrl === null || typeof endSessionUrl === 'string', `signOut() answered ${JSON.stringify(endSessionUrl)}`);
    if (typeof endSessionUrl === 'string') {
      assert.ok(endSessionUrl.startsWith(`${harness.origins.idp}/`), `not the IdP's: ${endSessionUrl}`);
      // (Not printed whole: a token in the test output is a token in a CI log.)
      assert.ok(!endSessionUrl.match(JWT_SHAPE), `a JWT in ${endSessionUrl.replace(/(eyJ[\w-]{6})[\w.-]+/g, '$1…')}`);
    }
  });
});

describe('5. the IdP session ends: the next action signs out; signing in again brings the draft back', () => {
  let visitor: Visitor;
  let page: Page;
  const draft = `Written while the IdP session ended ${Date.now()}`;
  before(async () => {
    visitor = await harness.visitor();
    page = visitor.page;
  });
  after(async () => {
    await visitor?.close();
  });

  test('signed in on the other site\'s portal, a draft typed', async () => {
    await page.goto(`${harness.origins.fabrikam}/script`);
    const { feed, composer } = widgets(page);
    await visitor.signInWithPopup(signInButton(feed), 'dana.short');
    assert.ok(await shows(composer, 15_000), 'not signed in after the popup closed');
    await composer.fill(draft);
  });

  test('the IdP session ends; within seconds Hearth no longer hands out tokens, nor takes the one the widgets hold', async () => {
    const held = visitor.lastToken();
    assert.ok(held, 'the widgets got no token');
    // Stands for the IdP session expiring (or ending elsewhere): oidc-provider forgets it, so
    // the refresh tokens bound to it are refused.
    assert.ok(harness.endIdpSessions('dana.short') >= 1, 'no IdP session to end');
    const started = Date.now();
    const until = async (what: string, status: () => Promise<number>) => {
      let last = 0;
      while (Date.now() - started < 10_000) {
        last = await status();
        if (last === 401) return;
        await page.waitForTimeout(250);
      }
      assert.fail(`${what} still answers ${last} ${Date.now() - started} ms after the IdP session ended`);
    };
    await until('POST /auth/token', () => tokenStatus(page, harness.origins.hearth));
    // The API keeps a session known to be live for at most OIDC_SESSION_CHECK: the token the
    // widgets hold is refused once that has passed.
    await until('the API, with the token the widgets hold,', () => page.evaluate(async ({ url, token }) =>
      (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status, { url: `${harness.origins.hearth}/api/v1/me`, token: held }));
  });

  test('pressing Post leaves the feed signed out, with a Sign in button, and publishes nothing', async () => {
    const { feed, postButton, post } = widgets(page);
    await postButton.click();
    const outcome = await Promise.race([
      signInButton(feed).waitFor().then(() => 'signed out'),
      post(draft).waitFor().then(() => 'published'),
    ]).catch(() => 'neither');
    assert.equal(await post(draft).count(), 0, `the post was published after the IdP session ended (${outcome === 'published' ? 'and no Sign in button' : outcome})`);
    assert.equal(outcome, 'signed out', 'pressing Post neither signed out nor published within 10 s');
  });

  test('signing in again (the IdP asks again): the draft is still there', async () => {
    const { feed, composer } = widgets(page);
    await visitor.signInWithPopup(signInButton(feed), 'dana.short');
    assert.ok(await shows(composer, 15_000), 'not signed in after the popup closed');
    await signInButton(feed).waitFor({ state: 'detached' });
    assert.equal(await composer.inputValue(), draft);
  });
});

describe('6. no credential in any request URL, server log line or localStorage', () => {
  // Runs last: every browser has closed, and its cookies and storage were collected then.

  /** What of `needles` (values, or value → what it is) is in `haystack`, named. */
  const found = (haystack: string, needles: Map<string, string> | Set<string>, kind = 'a credential') =>
    [...needles.entries()].filter(([n]) => n.length >= 8 && haystack.includes(n)).map(([n, what]) => `${what === n ? kind : what} (${n.slice(0, 8)}…)`);
  const jwts = (text: string) => text.match(JWT_SHAPE) ?? [];
  /**
   * `text` for a failure message: credentials cut to their first characters (a token in the test
   * output is a token in a CI log), and at most 1,500 characters.
   */
  const where = (text: string) => {
    let shown = text.replace(JWT_SHAPE, (jwt) => `${jwt.slice(0, 10)}…`);
    for (const secret of [...harness.secrets.keys(), ...harness.codes]) {
      if (secret.length >= 8) shown = shown.replaceAll(secret, `${secret.slice(0, 8)}…`);
    }
    return shown.length > 1500 ? `${shown.slice(0, 1500)}…` : shown;
  };

  test('the run saw credentials of every kind to look for', () => {
    const kinds = new Set([...harness.secrets.values()].map((what) => what.replace(/ \(.*$/, '')));
    for (const kind of ['a token from /auth/token', 'the hearth_session cookie', 'the hearth_portal_session cookie', 'a handoff code', "the IdP's id_token", "the IdP's access_token", "the IdP's refresh_token"]) {
      assert.ok(kinds.has(kind), `never saw ${kind} (saw: ${[...kinds].join(', ')})`);
    }
    assert.ok(harness.codes.size > 0, 'no authorization code was seen');
  });

  test('no request URL carries a credential or anything JWT-shaped', () => {
    const leaks = harness.urls.flatMap((url) => [
      ...found(url, harness.secrets),
      ...jwts(url).map((s) => `a JWT-shaped string (${s.slice(0, 16)}…)`),
    ].map((what) => `${what} in ${where(url)}`));
    assert.deepEqual(leaks, []);
    assert.ok(harness.urls.length > 50, `only ${harness.urls.length} URLs were recorded`);
  });

  test('no server log line carries a credential, an authorization code or anything JWT-shaped', () => {
    const lines = harness.server.output().split('\n');
    const leaks = lines.flatMap((line) => [
      ...found(line, harness.secrets),
      ...found(line, harness.codes, 'an authorization code'),
      ...jwts(line).map((s) => `a JWT-shaped string (${s.slice(0, 16)}…)`),
    ].map((what) => `${what} in: ${where(line)}`));
    assert.deepEqual(leaks, []);
    assert.ok(lines.length > 50, `only ${lines.length} log lines`);
  });

  test('no localStorage holds a credential or anything JWT-shaped', () => {
    const leaks = harness.storage.flatMap((held) => [
      ...found(held, harness.secrets),
      ...jwts(held).map((s) => `a JWT-shaped string (${s.slice(0, 16)}…)`),
    ].map((what) => `${what} in ${where(held)}`));
    assert.deepEqual(leaks, []);
  });
});
