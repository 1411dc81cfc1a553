/**
 * TEST-ONLY REFERENCE: the tokenizer of packages/contracts/src/text.ts exactly as it was before it
 * was made linear (issue 11, fix 2), kept verbatim (only this comment and the `Reference` names
 * differ) so that server/test/text.test.ts can check, with generated text, that the linear one
 * returns the same tokens. It is quadratic on adversarial input (a link followed by thousands of
 * '.' or ')'): never import it outside tests.
 */
export type TextTokenReference =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'tag'; text: string; tag: string }
  | { kind: 'mention'; text: string; handle: string };

const TAG_MAX_LENGTH = 40;

/**
 * Normalizes a tag as typed ("#Kubernetes", " k8s ") to its stored form: NFKC, case-folded,
 * only Unicode letters, digits, marks, `-` and `_`. Returns null when nothing valid is left or it
 * is longer than {@link TAG_MAX_LENGTH}.
 */
export function normalizeTagReference(raw: string): string | null {
  const tag = raw.trim().replace(/^#/, '').normalize('NFKC').toLocaleLowerCase('und');
  if (tag.length < 1 || tag.length > TAG_MAX_LENGTH) return null;
  return TAG_BODY.test(tag) ? tag : null;
}

const TAG_BODY = /^[\p{L}\p{M}\p{N}_-]+$/u;
const HANDLE = /^[a-z0-9](?:[a-z0-9._-]{0,30}[a-z0-9])?$/;

/** True when `handle` is a valid person handle (lower-case, 1..32 characters). */
function isHandle(handle: string): boolean {
  return HANDLE.test(handle);
}

// One pass over the text. Order matters: a URL may contain '#' or '@', so links are matched first.
// A tag or mention must start the text or follow a character that is not a letter, digit or '_'
// ("mail@example.com" is not a mention, "C#" is not a tag).
const TOKEN =
  /(?<link>\bhttps?:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+)|(?<=^|[^\p{L}\p{N}_&])#(?<tag>[\p{L}\p{M}\p{N}_-]+)|(?<=^|[^\p{L}\p{N}_.])@(?<handle>[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?)/gu;

// Punctuation that ends a sentence rather than a URL: "see https://x.example/a." -> no dot.
const LINK_TRAILER = /[.,;:!?'")\]]+$/;

/** Splits post text into tokens. Concatenating every token's `text` gives back the input. */
export function tokenizeReference(body: string): TextTokenReference[] {
  const tokens: TextTokenReference[] = [];
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
    let token: TextTokenReference | null = null;
    if (groups.link) {
      text = unbalancedTrim(text);
      const href = text.startsWith('www.') ? `https://${text}` : text;
      if (isSafeHttpUrl(href)) token = { kind: 'link', text, href };
    } else if (groups.tag) {
      const tag = normalizeTagReference(groups.tag);
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
export function extractTagsReference(body: string): string[] {
  return unique(tokenizeReference(body).flatMap((t) => (t.kind === 'tag' ? [t.tag] : [])));
}

/** The distinct mentioned handles in `body`, in order of first appearance. */
export function extractMentionsReference(body: string): string[] {
  return unique(tokenizeReference(body).flatMap((t) => (t.kind === 'mention' ? [t.handle] : [])));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

// Trailing punctuation is dropped, but a closing bracket stays when the URL opened one
// (https://en.wikipedia.org/wiki/Foo_(bar)).
function unbalancedTrim(url: string): string {
  let out = url;
  for (;;) {
    const trailer = LINK_TRAILER.exec(out);
    if (!trailer) return out;
    const last = out[out.length - 1];
    if (last === ')' && count(out, '(') >= count(out, ')')) return out;
    if (last === ']' && count(out, '[') >= count(out, ']')) return out;
    out = out.slice(0, -1);
  }
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

function isSafeHttpUrl(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
