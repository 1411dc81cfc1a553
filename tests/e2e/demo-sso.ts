// Drives `npm run demo:sso` once with headless Chromium (`npm run demo:sso -- --check` runs it
// against the servers it started). Not a test file, and not part of `npm test`: it signs in as a
// demo person the way a visitor would and writes, at 1280 px,
//
//   .screenshots/sso-signed-out.png   the demo intranet before signing in (Sign in buttons)
//   .screenshots/sso-popup-login.png  the OpenID provider's login page in the popup
//   .screenshots/sso-popup-consent.png  its consent page
//   .screenshots/sso-signed-in.png    the demo intranet once the widgets have loaded, signed in
//   .screenshots/sso-signed-in-feed.png  its feed, with the composer of the person signed in
//
// It throws when a step does not happen (no Sign in button, no popup, widgets still signed out).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const OUT = join(fileURLToPath(new URL('../../', import.meta.url)), '.screenshots');
const VIEWPORT = { width: 1280, height: 900 };

export interface DemoSsoRun {
  /** The demo intranet, e.g. http://127.0.0.1:8089 */
  hearthUrl: string;
  /** The login typed at the OpenID provider, e.g. maria.lopez */
  login: string;
  /** That person's name, looked for on the page once signed in. */
  name: string;
}

export async function driveDemoSso({ hearthUrl, login, name }: DemoSsoRun): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const step = (text: string) => console.log(`demo:sso check: ${text}`);
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const urls: string[] = [];
    context.on('request', (request) => urls.push(request.url()));

    await page.goto(`${hearthUrl}/`);
    const tokenUrl = await page.locator('hearth-config').getAttribute('token-url');
    if (tokenUrl !== '/auth/token') throw new Error(`the page's token-url is ${tokenUrl}, not /auth/token`);
    step(`page loaded, token-url=${tokenUrl}`);

    const signIn = page.locator('hearth-feed').getByRole('button', { name: 'Sign in' });
    await signIn.waitFor({ timeout: 15_000 });
    step(`Sign in buttons on the page: ${await page.getByRole('button', { name: 'Sign in' }).count()}`);
    await page.screenshot({ path: join(OUT, 'sso-signed-out.png') });

    const [popup] = await Promise.all([page.waitForEvent('popup'), signIn.click()]);
    await popup.setViewportSize(VIEWPORT);
    const loginField = popup.locator('input[name="login"]');
    await loginField.waitFor({ timeout: 15_000 });
    step(`popup at the IdP: ${new URL(popup.url()).origin}${new URL(popup.url()).pathname}`);
    await popup.screenshot({ path: join(OUT, 'sso-popup-login.png') });
    await loginField.fill(login);
    await popup.locator('input[name="password"]').fill('anything');
    await popup.locator('button[type="submit"]').click();

    // The consent page (first sign-in of this person to the client), then Hearth's last page,
    // which tells the portal page and closes the popup.
    const closed = popup.waitForEvent('close', { timeout: 20_000 });
    await popup.locator('button[type="submit"]').waitFor({ timeout: 15_000 });
    if (/\/interaction\//.test(popup.url())) {
      await popup.screenshot({ path: join(OUT, 'sso-popup-consent.png') });
      await popup.locator('button[type="submit"]').click();
    }
    await closed;
    step('popup closed after signing in');

    // The widgets load without a reload of the page.
    await page.locator('hearth-feed [part~="composer"] textarea').waitFor({ timeout: 20_000 });
    await page.locator('hearth-feed [part~="body"]').first().waitFor({ timeout: 20_000 });
    await page.locator('hearth-tag-cloud [part~="tag"]').first().waitFor({ timeout: 20_000 });
    const left = await page.getByRole('button', { name: 'Sign in' }).count();
    if (left > 0) throw new Error(`${left} Sign in buttons are still shown after signing in`);
    const me = await page.evaluate(async () => {
      const res = await fetch('/auth/token', { method: 'POST' });
      const body = (await res.json()) as { token?: string };
      if (!body.token) return null;
      const answer = await fetch('/api/v1/me', { headers: { authorization: `Bearer ${body.token}` } });
      return answer.ok ? ((await answer.json()) as { name?: string; roles?: string[] }) : null;
    });
    if (me?.name !== name) throw new Error(`signed in as ${me?.name ?? 'nobody'}, not ${name}`);
    step(`widgets loaded, signed in as ${me.name} (${(me.roles ?? []).join(', ')})`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, 'sso-signed-in.png') });
    await page.locator('#feed').screenshot({ path: join(OUT, 'sso-signed-in-feed.png') });

    const leaked = urls.filter((u) => /[?&#](access_token|id_token|token)=/.test(u));
    if (leaked.length) throw new Error(`a token in a URL: ${leaked.join(', ')}`);
    step(`${urls.length} request URLs, none carries a token; screenshots in ${OUT}/sso-*.png`);
  } finally {
    await browser.close();
  }
}
