import { serverDir } from '../paths.ts';
import express, { Router, type Request, type Response } from 'express';
import { HttpError } from './problem.ts';

const EMBED_DIR = serverDir('embed');

/**
 * Widgets that can be embedded alone, with the attributes each accepts from the query string.
 * Hand-written, like the configurator's options (packages/widgets/src/editor/widgets.ts), and
 * held to the widgets' custom-elements.json by `npm test` (scripts/manifest-check.mjs, the
 * `manifest` suite): every name here is a public attribute of `hearth-<widget>`, the booleans are
 * the boolean attributes, and every public attribute not accepted is in EMBED_NOT_ACCEPTED.
 */
export const EMBED_WIDGETS: Readonly<Record<string, readonly string[]>> = {
  feed: ['community', 'tag', 'author', 'page-size', 'compose', 'scope', 'sync-url', 'live', 'post', 'reply', 'href-template'],
  'tag-cloud': ['community', 'days', 'max', 'variant', 'href-template'],
  'community-card': ['community', 'show', 'compact', 'directory'],
  'ask-expert': ['tags', 'community', 'view', 'question', 'answer', 'href-template'],
  moderation: ['community'],
  notifications: ['variant', 'href-template', 'live'],
  person: ['handle', 'compact', 'ask-href-template', 'post-href-template', 'question-href-template'],
  search: ['variant', 'sync-url', 'post-href-template', 'question-href-template', 'person-href-template', 'community-href-template', 'tag-href-template'],
  adoption: ['community', 'weeks'],
};
/** Accepted by every widget. */
export const EMBED_COMMON: readonly string[] = ['theme', 'lang', 'token-url'];
/** Present (`?compose` or `?compose=true`) or absent, never a value. */
export const EMBED_BOOLEAN: ReadonlySet<string> = new Set(['compose', 'compact', 'directory', 'sync-url']);
/** Public attributes of the widgets that the query string may not set, and why. */
export const EMBED_NOT_ACCEPTED: Readonly<Record<string, string>> = {
  api: 'the frame is served by the Hearth server and talks to it; a link must not point the widget, and the token it fetches, at another server',
  debounce: 'a tuning of the similar-questions lookup whose default suits every page, not part of a widget’s set-up',
};
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/**
 * `/embed/<widget>?<attributes>`: one widget alone on a page, for hosts that only allow iframes
 * (SharePoint's Embed web part). It sizes itself by postMessage to `/widgets/embed-resize.js` on
 * the host page, only to an allowed origin; `frame-ancestors` lists the allowed origins.
 */
export function embedRoutes(allowedOrigins: readonly string[]): Router {
  const router = Router();
  const ancestors = ["'self'", ...allowedOrigins].join(' ');
  const csp = [
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
    "base-uri 'none'", `frame-ancestors ${ancestors}`, "require-trusted-types-for 'script'", 'trusted-types lit-html',
  ].join('; ');

  // The frame's own files first: /embed/frame.js is a file, not a widget called "frame.js".
  router.use('/embed', express.static(EMBED_DIR, { index: false, maxAge: '5m' }));

  router.get('/embed/:widget', (req, res) => {
    const widget = req.params.widget;
    // Own keys only: `/embed/constructor` is not a widget either.
    const allowed = Object.hasOwn(EMBED_WIDGETS, widget) ? EMBED_WIDGETS[widget] : undefined;
    if (!allowed) throw new HttpError(404, 'not-found', 'Not found', `there is no widget "${widget}" to embed; try ${Object.keys(EMBED_WIDGETS).join(', ')}`);
    const attributes: string[] = [];
    for (const [name, raw] of Object.entries(req.query)) {
      if (!allowed.includes(name) && !EMBED_COMMON.includes(name)) {
        throw new HttpError(400, 'validation', 'Your request is not valid', `"${name}" is not an attribute of hearth-${widget}; it takes ${[...allowed, ...EMBED_COMMON].join(', ')}`);
      }
      if (typeof raw !== 'string' || raw.length > 300) {
        throw new HttpError(400, 'validation', 'Your request is not valid', `"${name}" must be given once, at most 300 characters`);
      }
      if (EMBED_BOOLEAN.has(name)) {
        if (raw === '' || raw === 'true') attributes.push(name);
      } else attributes.push(`${name}="${escapeAttribute(raw)}"`);
    }
    send(req, res, `hearth-${widget}`, attributes);
  });

  /**
   * Permalinks (`href` of notifications, mentions and webhooks, and the feed's post times when a
   * page sets no `href-template`): one item on a page of its own, in context. `/embed/post/{id}`
   * (`?reply={id}` highlights a reply) is the feed showing that post with its replies;
   * `/embed/question/{id}` (`?answer={id}`) is ask-expert showing that question with its answers;
   * `/embed/community/{slug}` is its card. Whether the reader may see it is the API's answer,
   * as everywhere: the page itself names only an id.
   */
  router.get('/embed/post/:id', (req, res) => {
    const post = id(req.params.id);
    const { item: reply, common } = permalinkQuery(req.query, 'reply');
    send(req, res, 'hearth-feed', [`post="${post}"`, ...(reply ? [`reply="${reply}"`] : []), ...common]);
  });
  router.get('/embed/question/:id', (req, res) => {
    const question = id(req.params.id);
    const { item: answer, common } = permalinkQuery(req.query, 'answer');
    send(req, res, 'hearth-ask-expert', [`question="${question}"`, ...(answer ? [`answer="${answer}"`] : []), ...common]);
  });
  router.get('/embed/community/:slug', (req, res) => {
    const slug = req.params.slug;
    if (!/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(slug)) throw new HttpError(404, 'not-found', 'Not found', `"${slug}" is not a community's name in a link`);
    send(req, res, 'hearth-community-card', [`community="${slug}"`, ...permalinkQuery(req.query).common]);
  });

  /** The frame's page around one element. */
  function send(req: Request, res: Response, tag: string, attributes: string[]) {
    // The `lang` asked for, else the browser's first language (an iframe in a portal that does
    // not say), else English.
    const lang = [req.query.lang, req.acceptsLanguages()[0]].find((l): l is string => typeof l === 'string' && LANGUAGE_TAG.test(l)) ?? 'en';
    // The frame is its own document: a right-to-left language sets the direction the widget inherits.
    const dir = RIGHT_TO_LEFT.has(lang.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
    res
      .set('Content-Security-Policy', csp)
      .set('Cache-Control', 'no-cache')
      .set('Vary', 'Accept-Language')
      .type('html')
      .send(`<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hearth</title>
<link rel="stylesheet" href="/embed/frame.css">
<script type="module" src="/widgets/hearth.js"></script>
<script type="module" src="/embed/frame.js"></script>
</head>
<body data-hosts="${escapeAttribute(allowedOrigins.join(' '))}">
<${tag}${attributes.length ? ` ${attributes.join(' ')}` : ''}></${tag}>
</body>
</html>
`);
  }

  router.get('/widgets/embed-resize.js', (_req, res) => {
    res.set('Cross-Origin-Resource-Policy', 'cross-origin').set('Access-Control-Allow-Origin', '*').set('Cache-Control', 'public, max-age=300');
    res.sendFile('embed-resize.js', { root: EMBED_DIR });
  });
  return router;
}

/** A permalink's id: a positive integer, else 404 (a link that names nothing). */
function id(value: string): number {
  const n = Number(value);
  if (!/^[1-9]\d{0,9}$/.test(value) || n > 2_147_483_647) throw new HttpError(404, 'not-found', 'Not found', `"${value}" is not an id`);
  return n;
}

/**
 * A permalink's query: `theme`, `lang` and `token-url` (as attributes, like any embed) and the
 * one item-specific key (`reply`, `answer`), whose value must be an id; anything else is a 400.
 */
function permalinkQuery(query: Request['query'], key?: string): { item: number | null; common: string[] } {
  const common: string[] = [];
  let item: number | null = null;
  for (const [name, raw] of Object.entries(query)) {
    if (name !== key && !EMBED_COMMON.includes(name)) {
      throw new HttpError(400, 'validation', 'Your request is not valid', `"${name}" is not taken by this link; it takes ${[...(key ? [key] : []), ...EMBED_COMMON].join(', ')}`);
    }
    if (typeof raw !== 'string' || raw.length > 300) {
      throw new HttpError(400, 'validation', 'Your request is not valid', `"${name}" must be given once, at most 300 characters`);
    }
    if (name === key) {
      if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw new HttpError(400, 'validation', 'Your request is not valid', `"${key}" must be an id`);
      item = Number(raw);
    } else common.push(`${name}="${escapeAttribute(raw)}"`);
  }
  return { item, common };
}

/** For a double-quoted attribute value: nothing can end the quote or start markup. */
function escapeAttribute(value: string): string {
  return value.replace(/[&"<>']/g, (c) => `&#${c.charCodeAt(0)};`);
}
