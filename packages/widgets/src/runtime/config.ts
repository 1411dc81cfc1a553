/**
 * Where a widget finds its server and its token. Three layers, later ones win:
 * the script URL (`<script type="module" src=".../widgets/hearth.js?token-url=/sso/token">`),
 * an optional `<hearth-config api token-url lang theme>` element anywhere on the page, and the
 * widget's own `api` / `token-url` attributes. Everything is an attribute so a page that forbids
 * inline script can still configure the widgets.
 */

export type Theme = 'auto' | 'light' | 'dark';

export interface HearthConfig {
  /** The API root, always absolute and ending in `/api/v1/`. */
  apiBase: string;
  /** Absolute URL the host page hands tokens out at; null sends requests without one. */
  tokenUrl: string | null;
}

interface PageSettings {
  api: string | null;
  tokenUrl: string | null;
  lang: string | null;
  theme: string | null;
}

// The bundle's own URL: by default the API is served by the same server as the widgets.
const moduleUrl = import.meta.url;

/** Query parameters a script URL may carry: `hearth.js?token-url=/sso/token&theme=light`. */
const SETTINGS = ['api', 'token-url', 'lang', 'theme'];

/**
 * Settings from the `<script>` that loaded the widgets. Our code sits in a shared chunk whose
 * own URL carries no query, so the tag is found as a script in the same folder as this module
 * (the build puts entries and chunks side by side) whose query names one of the settings.
 */
function scriptSettings(): URLSearchParams {
  const folder = new URL('.', moduleUrl).href;
  for (const script of document.querySelectorAll<HTMLScriptElement>('script[src]')) {
    const src = new URL(script.src, document.baseURI);
    if (new URL('.', src).href !== folder) continue;
    if (SETTINGS.some((name) => src.searchParams.has(name))) return src.searchParams;
  }
  return new URLSearchParams();
}

/** The page-wide settings; read at each call so a `<hearth-config>` added later still counts. */
export function pageSettings(): PageSettings {
  const query = scriptSettings();
  const element = document.querySelector('hearth-config');
  const pick = (name: string) => element?.getAttribute(name) ?? query.get(name);
  return { api: pick('api'), tokenUrl: pick('token-url'), lang: pick('lang'), theme: pick('theme') };
}

/** What a widget's own `api` and `token-url` attributes say; empty values fall through. */
export interface ConfigOverrides {
  api?: string | null | undefined;
  tokenUrl?: string | null | undefined;
}

/**
 * Resolves a widget's configuration from its own attributes over what it inherits: the config of
 * an enclosing `<hearth-config>` or outer widget when there is one (context), else the page's.
 */
export function resolveConfig(own: ConfigOverrides = {}, inherited: HearthConfig | null = null): HearthConfig {
  const page = inherited ? null : pageSettings();
  const tokenUrl = own.tokenUrl || page?.tokenUrl;
  return {
    apiBase: own.api || !inherited ? apiBase(own.api || page?.api) : inherited.apiBase,
    // Relative token URLs belong to the host page (its backend signs the token), not to Hearth.
    tokenUrl: tokenUrl ? (absolute(tokenUrl, 'token-url')?.href ?? null) : (inherited?.tokenUrl ?? null),
  };
}

/** `https://hearth.example.com/` (or the script's own origin) → `.../api/v1/`. */
function apiBase(api: string | null | undefined): string {
  const origin = new URL(moduleUrl).origin;
  const root = absolute(api || origin, 'api') ?? new URL(origin);
  if (!root.pathname.endsWith('/')) root.pathname += '/';
  return new URL('api/v1/', root).href;
}

// A typo in an editor's attribute must not break the page: say so in the console and carry on
// with the default (the widget then shows an error or signed-out state instead of nothing).
function absolute(url: string, name: string): URL | null {
  try {
    return new URL(url, document.baseURI);
  } catch {
    console.warn(`Hearth: ignoring ${name}="${url}", which is not a URL.`);
    return null;
  }
}

/**
 * The language to format dates and numbers in: the nearest `lang` around the widget, then
 * `<hearth-config lang>`, then the document's, then the browser's.
 */
export function resolveLang(host: Element): string {
  const near = host.closest('[lang]');
  const candidates = [
    near && near !== document.documentElement ? near.getAttribute('lang') : null,
    pageSettings().lang,
    document.documentElement.lang,
    navigator.language,
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(candidate);
      if (canonical) return canonical;
    } catch {
      // A malformed lang attribute on the host page must not break the widget; try the next.
    }
  }
  return 'en';
}

/**
 * The colour scheme: the widget's `theme` attribute, then the enclosing `<hearth-config>`'s or
 * outer widget's, then the page's `<hearth-config theme>`, then auto.
 */
export function resolveTheme(value: string | null | undefined, inherited: Theme | null = null): Theme {
  const theme = value || inherited || pageSettings().theme;
  return theme === 'light' || theme === 'dark' ? theme : 'auto';
}
