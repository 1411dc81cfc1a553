import type { TokenProvider } from './token.ts';

/**
 * Signing in to Hearth's own sign-in (`AUTH_MODE=oidc`) without a click, tried once per page
 * when the token URL first says `sign-in-required` (a chunk of its own: only such pages fetch it):
 *
 * - in an `/embed` frame on another site whose browser keeps Hearth's cookies from it, the
 *   Storage Access API, when the person already granted it (on an earlier Sign in click);
 * - on a page of Hearth's own site (the token URL offers a `silentSignInUrl`), a hidden frame
 *   that asks the identity provider with `prompt=none`: a person with a session there is signed
 *   in and nothing shows; anyone else gets the Sign in button, after at most {@link WAIT_MS}
 *   (at once when the page's policy forbids the frame). Not from inside a frame: an `/embed`
 *   page's policy allows no frame of the identity provider, and on another site its cookies are
 *   third-party ones anyway.
 *
 * Answers whether asking the token URL again may now give a token. `silentSignInUrl` is the
 * problem's, as it came.
 */
export async function quietSignIn(tokens: TokenProvider, silentSignInUrl: unknown): Promise<boolean> {
  if (!tokens.signInUrl || tried.has(tokens)) return false;
  tried.add(tokens);
  if (await storageAccessGranted()) return true;
  const silent = urlOf(silentSignInUrl, tokens.url);
  return silent && window.top === window ? silentFrame(silent) : false;
}

/** Token providers that tried already, or whose person signed out (`sign-out.ts`): once per page. */
export const tried = new WeakSet<TokenProvider>();

/** A URL of the sign-in-required problem (`signInUrl`, `silentSignInUrl`): absolute, http or https only; else null. */
export function urlOf(value: unknown, base: string): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value, new URL(base, document.baseURI));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** How long the hidden frame may take: the identity provider answers at once, or not at all. */
const WAIT_MS = 6_000;

/**
 * In a frame (an `/embed` page on a portal): Hearth's own cookies, when the browser keeps them
 * from this frame (third-party cookies blocked) and the person allowed it before. Without a
 * grant nothing is asked here: the request needs a click, the Sign in button's (`sign-in.ts`).
 */
async function storageAccessGranted(): Promise<boolean> {
  if (window.top === window || !document.hasStorageAccess) return false;
  try {
    if (await document.hasStorageAccess()) return false;
    const permission = await navigator.permissions.query({ name: 'storage-access' as PermissionName });
    if (permission.state !== 'granted') return false;
    await document.requestStorageAccess();
    return true;
  } catch {
    return false;
  }
}

/**
 * A hidden frame at Hearth's sign-in with `prompt=none`. Its last page posts
 * `{ type: 'hearth-signed-in' }` or `{ type: 'hearth-sign-in-failed' }` to this page; only that
 * frame's message, from Hearth's origin, is listened to.
 */
function silentFrame(url: string): Promise<boolean> {
  const target = new URL(url);
  target.searchParams.set('origin', location.origin);
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.title = 'Hearth sign-in';
    frame.tabIndex = -1;
    frame.setAttribute('aria-hidden', 'true');
    // Through the CSSOM, which a strict style-src allows, and !important against the page's rules.
    for (const [name, value] of [['display', 'none'], ['position', 'absolute'], ['width', '0'], ['height', '0']]) {
      frame.style.setProperty(name!, value!, 'important');
    }
    const done = (signedIn: boolean) => {
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      document.removeEventListener('securitypolicyviolation', onViolation);
      frame.remove();
      resolve(signedIn);
    };
    // The page's Content-Security-Policy refused the frame (or the identity provider it goes to).
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (/^(frame|child|default)-src/.test(event.effectiveDirective)) done(false);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.origin !== target.origin) return;
      const type = (event.data as { type?: unknown } | null)?.type;
      if (type === 'hearth-signed-in') done(true);
      else if (type === 'hearth-sign-in-failed') done(false);
    };
    // A page whose policy forbids the frame, or an identity provider that does not answer.
    const timer = setTimeout(() => done(false), WAIT_MS);
    window.addEventListener('message', onMessage);
    document.addEventListener('securitypolicyviolation', onViolation);
    frame.src = target.href;
    (document.body ?? document.documentElement).append(frame);
  });
}
