/**
 * The one piece of runtime code shared by the server and the widgets: how a post's plain text
 * is read as links, #tags and @mentions. It imports nothing (no zod), so the widgets can bundle
 * it; the server uses the same functions to extract tags and mentions, so what is highlighted
 * in the feed is exactly what was indexed.
 */

/** A piece of post text. Rendering maps each kind to a Lit template; nothing is ever HTML. */
export type TextToken =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'tag'; text: string; tag: string }
  | { kind: 'mention'; text: string; handle: string };

export const TAG_MAX_LENGTH = 40;

/**
 * Normalizes a tag as typed ("#Kubernetes", " k8s ") to its stored form: NFKC, case-folded,
 * only Unicode letters, digits, marks, `-` and `_`. Returns null when nothing valid is left or it
 * is longer than {@link TAG_MAX_LENGTH}.
 */
export function normalizeTag(raw: string): string | null {
  let tag = raw.trim().replace(/^#/, '');
  // Printable ASCII is already in NFKC. toLowerCase() is the language-insensitive ("und") mapping that
  // toLocaleLowerCase('und') gives too, without resolving a locale on every call (about 8 µs in
  // V8, which made a post of 2,500 one-letter tags cost 9 ms).
  if (!ASCII.test(tag)) tag = tag.normalize('NFKC');
  tag = tag.toLowerCase();
  if (tag.length < 1 || tag.length > TAG_MAX_LENGTH) return null;
  return TAG_BODY.test(tag) ? tag : null;
}

const ASCII = /^[ -~]*$/;
const TAG_BODY = /^[\p{L}\p{M}\p{N}_-]+$/u;
const HANDLE = /^[a-z0-9](?:[a-z0-9._-]{0,30}[a-z0-9])?$/;

/** True when `handle` is a valid person handle (lower-case, 1..32 characters). */
export function isHandle(handle: string): boolean {
  return HANDLE.test(handle);
}

// One pass over the text. Order matters: a URL may contain '#' or '@', so links are matched first.
// A tag or mention must start the text or follow a character that is not a letter, digit or '_'
// ("mail@example.com" is not a mention, "C#" is not a tag).
//
// Linear time (issue 11): every quantifier is a single character class with nothing after it that
// could make it give characters back, except the handle's, which backtracks at most over its own
// run of [a-zA-Z0-9._-]; those runs cannot contain '@', so no two attempts share one. Each
// attempt that fails does so within a constant number of characters (the lookbehinds look at two),
// and a match, kept or not, is never scanned again: matchAll resumes after it.
//
// Each alternative starts with a literal ('h', 'w', '#', '@'; the lookbehind comes after the '#' or
// '@' and looks back over it), so the engine skips ahead to those characters instead of trying a
// lookbehind at every position: about 7x faster on ordinary text than `(?<=^|...)#`, same matches.
const TOKEN =
  /(?<link>\bhttps?:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+)|#(?<=(?:^|[^\p{L}\p{N}_&])#)(?<tag>[\p{L}\p{M}\p{N}_-]+)|@(?<=(?:^|[^\p{L}\p{N}_.])@)(?<handle>[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?)/gu;

/** Splits post text into tokens. Concatenating every token's `text` gives back the input. */
export function tokenize(body: string): TextToken[] {
  const tokens: TextToken[] = [];
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    const prev = tokens[tokens.length - 1];
    if (prev?.kind === 'text') prev.text += text;
    else tokens.push({ kind: 'text', text });
  };
  for (const match of body.matchAll(TOKEN)) {
    const index = match.index;
    const groups = match.groups ?? {};
    let text = match[0];
    let token: TextToken | null = null;
    if (groups.link) {
      text = unbalancedTrim(text);
      const href = text.startsWith('www.') ? `https://${text}` : text;
      if (isSafeHttpUrl(href)) token = { kind: 'link', text, href };
    } else if (groups.tag) {
      const tag = normalizeTag(groups.tag);
      if (tag) token = { kind: 'tag', text, tag };
    } else if (groups.handle) {
      const handle = groups.handle.toLowerCase();
      if (isHandle(handle)) token = { kind: 'mention', text, handle };
    }
    if (!token) continue;
    push(body.slice(last, index));
    tokens.push(token);
    last = index + text.length;
  }
  push(body.slice(last));
  return tokens;
}

/** The distinct normalized tags in `body`, in order of first appearance. */
export function extractTags(body: string): string[] {
  return unique(tokenize(body).flatMap((t) => (t.kind === 'tag' ? [t.tag] : [])));
}

/** The distinct mentioned handles in `body`, in order of first appearance. */
export function extractMentions(body: string): string[] {
  return unique(tokenize(body).flatMap((t) => (t.kind === 'mention' ? [t.handle] : [])));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

// Punctuation that ends a sentence rather than a URL: "see https://x.example/a." -> no dot.
// Trailing punctuation is dropped, but a closing bracket stays when the URL opened one
// (https://en.wikipedia.org/wiki/Foo_(bar)). One count of the brackets, then one step back per
// character dropped: linear, where re-testing a regular expression and re-counting the brackets
// of the whole URL for every character dropped was quadratic (a link followed by 5,000 ')' took
// 200 ms). Only trailers are dropped and '(' and '[' are not trailers, so only the closing counts
// change as the end moves back.
function unbalancedTrim(url: string): string {
  let opened = 0;
  let closed = 0;
  let squareOpened = 0;
  let squareClosed = 0;
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x28) opened++;
    else if (c === 0x29) closed++;
    else if (c === 0x5b) squareOpened++;
    else if (c === 0x5d) squareClosed++;
  }
  let end = url.length;
  while (end > 0) {
    const c = url.charCodeAt(end - 1);
    if (c === 0x29 /* ) */) {
      if (opened >= closed) break;
      closed--;
    } else if (c === 0x5d /* ] */) {
      if (squareOpened >= squareClosed) break;
      squareClosed--;
    } else if (!LINK_TRAILERS.has(c)) break;
    end--;
  }
  return end === url.length ? url : url.slice(0, end);
}

/** . , ; : ! ? ' " (the closing brackets are handled apart). */
const LINK_TRAILERS = new Set([0x2e, 0x2c, 0x3b, 0x3a, 0x21, 0x3f, 0x27, 0x22]);

// `href` starts with "http://" or "https://" (TOKEN's link group, or "https://" put before
// "www."), so it is a safe link exactly when it parses. URL.canParse where it exists (every
// current browser, Node 20): a thrown TypeError costs about 13 µs in V8, and a body of 555
// "http://[ " would throw 555 of them; it also skips building a URL object per link.
function isSafeHttpUrl(href: string): boolean {
  if (typeof URL.canParse === 'function') {
    return (href.startsWith('https://') || href.startsWith('http://')) && URL.canParse(href);
  }
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
