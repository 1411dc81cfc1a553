/**
 * The post-text tokenizer (packages/contracts/src/text.ts) was made linear (issue 11, fix 2).
 * These tests check, with fast-check, that it returns exactly what the previous, quadratic one
 * returns (kept verbatim in ./text-reference.ts) for generated ordinary text, and for the
 * adversarial bodies of `npm run bench:text`. Speed is measured there, never asserted here.
 *
 * No class of input is excluded: the old output is not wrong for any input found, only slow. The
 * new one also lower-cases tags with toLowerCase() instead of toLocaleLowerCase('und'); the two
 * were compared over every code point (alone, after a letter, before and after a capital sigma)
 * in Node 20 with no difference, and the generators below include the letters where they could
 * differ (Σ, İ, Turkish ı, Lithuanian dotted letters).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractMentions, extractTags, normalizeTag, tokenize } from '@hearth/contracts/text';
import { extractMentionsReference, extractTagsReference, normalizeTagReference, tokenizeReference } from './text-reference.ts';

/** Runs and time bound of every property: 2,000 generated cases, at most 20 s each. */
const RUNS = 2000;
const TIME_LIMIT_MS = 20_000;
/** Fewer runs than this (time limit hit on a slow machine) fails rather than passing on little. */
const MIN_RUNS = 500;

function check<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, runs = RUNS) {
  const details = fc.check(fc.property(arbitrary, predicate), { numRuns: runs, interruptAfterTimeLimit: TIME_LIMIT_MS, seed: seedFromEnv() });
  // The report names the seed and path: FC_SEED=<seed> replays the same cases.
  if (details.failed) assert.fail(fc.defaultReportMessage(details));
  assert.ok(details.numRuns >= Math.min(runs, MIN_RUNS), `only ${details.numRuns} runs in ${TIME_LIMIT_MS} ms`);
}

/** FC_SEED=n replays a reported failure; otherwise a fresh seed each run (printed on failure). */
function seedFromEnv(): number | undefined {
  const seed = process.env.FC_SEED;
  return seed === undefined ? undefined : Number(seed);
}

// --- generators of ordinary text ---------------------------------------------------------------

const asciiLetter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const digit = fc.constantFrom(...'0123456789');
// Letters and marks from several scripts, the case-mapping special cases (final sigma, dotted and
// dotless i, Lithuanian dot above), compatibility characters NFKC changes (ﬁ, ①, ½, full-width
// letters, the Kelvin sign), and a combining accent.
const unicodeLetter = fc.constantFrom(
  'é', 'ü', 'ß', 'ç', 'Å', 'ø', 'Ł', 'ñ', 'Σ', 'σ', 'ς', 'Ω', 'İ', 'ı', 'I', 'Ì', 'Ĩ', 'Į',
  'Ж', 'я', 'ש', 'ع', 'हि', '日', '本', '語', 'の', 'テ', '한', '글', 'ﬁ', '①', '½', 'Ａ', 'ｚ', 'K', 'e\u0301', '\u0301', 'ǅ',
);
const letter = fc.oneof({ weight: 4, arbitrary: asciiLetter }, { weight: 1, arbitrary: digit }, { weight: 2, arbitrary: unicodeLetter });
const word = fc.array(letter, { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
const space = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\n\n', '\t', '\u00a0', '\u200b', '\u3000');
const punctuation = fc.constantFrom(...'.,;:!?\'"()[]{}<>-_/&*+=~`|\\%$^', '...', '—', '«', '»', '¿', '¡', '…');
const emoji = fc.constantFrom('😀', '👍🏽', '🎉', '❤️', '👩‍💻', '🇫🇷', '🏳️‍🌈', '\uD83D');

const tagChar = fc.oneof({ weight: 6, arbitrary: letter }, { weight: 1, arbitrary: fc.constantFrom('-', '_') });
const tag = fc.tuple(fc.constantFrom('#', '#', '##', '＃'), fc.array(tagChar, { minLength: 0, maxLength: 45 }))
  .map(([hash, chars]) => hash + chars.join(''));
const handleChar = fc.oneof({ weight: 6, arbitrary: fc.oneof(asciiLetter, digit) }, { weight: 1, arbitrary: fc.constantFrom('.', '_', '-') },
  { weight: 1, arbitrary: unicodeLetter });
const mention = fc.tuple(fc.constantFrom('@', '@', '@@'), fc.array(handleChar, { minLength: 0, maxLength: 36 }))
  .map(([at, chars]) => at + chars.join(''));
const email = fc.tuple(word, word).map(([user, host]) => `${user}@${host}.example.com`);

const hostLabel = fc.oneof(
  fc.array(fc.oneof(asciiLetter, digit), { minLength: 1, maxLength: 10 }).map((a) => a.join('')),
  fc.constantFrom('xn--bcher-kva', 'bücher', 'münchen', '127.0.0.1', '[::1]', 'localhost', 'a-b', '%', '[', 'a_b', ''),
);
const host = fc.array(hostLabel, { minLength: 1, maxLength: 3 }).map((labels) => labels.join('.'));
const pathChar = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(asciiLetter, digit) },
  { weight: 3, arbitrary: fc.constantFrom(...'/-_.~%+=&;:,!$*@#?') },
  { weight: 2, arbitrary: fc.constantFrom('(', ')', '[', ']') },
  { weight: 1, arbitrary: unicodeLetter },
);
const path = fc.array(pathChar, { maxLength: 30 }).map((a) => a.join(''));
const trailer = fc.array(fc.constantFrom(...'.,;:!?\'")]'), { maxLength: 6 }).map((a) => a.join(''));
const url = fc.tuple(
  // Schemes the tokenizer must not link are test data here, not URLs to navigate to.
  // oxlint-disable-next-line no-script-url
  fc.constantFrom('http://', 'https://', 'www.', 'https://www.', 'HTTP://', 'ftp://', 'javascript:', 'http:/', 'mailto:'),
  host,
  fc.option(fc.constantFrom(':8080', ':0', ':99999', ':x'), { nil: '' }),
  fc.option(fc.constantFrom('/', '/wiki/Foo_(bar)', '/a/(b)/c', '/[x]', '/search?q=1&r=(2)', '/#top', '/?q=a.b,c'), { nil: '' }),
  path,
  trailer,
).map((parts) => parts.join(''));
// A bracketed or quoted URL, as people write them: "(see https://x.example/a)." and "[https://...]".
const wrappedUrl = fc.tuple(fc.constantFrom('(', '[', '"', "'", '<', '(see '), url, fc.constantFrom(')', ']', '"', "'", '>', ').', '),'))
  .map(([open, link, close]) => open + link + close);

const fragment = fc.oneof(
  { weight: 10, arbitrary: word },
  { weight: 10, arbitrary: space },
  { weight: 4, arbitrary: punctuation },
  { weight: 3, arbitrary: tag },
  { weight: 3, arbitrary: mention },
  { weight: 1, arbitrary: email },
  { weight: 4, arbitrary: url },
  { weight: 1, arbitrary: wrappedUrl },
  { weight: 1, arbitrary: emoji },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);
/** Ordinary text: up to 80 fragments run together (no separators are added, so they also touch). */
const body = fc.array(fragment, { maxLength: 80, size: 'large' }).map((parts) => parts.join(''));

// --- properties --------------------------------------------------------------------------------

test('tokenize returns exactly what the previous tokenizer returned, for 2,000 generated texts', () => {
  check(body, (text) => {
    const tokens = tokenize(text);
    assert.deepEqual(tokens, tokenizeReference(text));
    assert.equal(tokens.map((t) => t.text).join(''), text);
  });
});

test('extractTags and extractMentions are unchanged for 2,000 generated texts', () => {
  check(body, (text) => {
    assert.deepEqual(extractTags(text), extractTagsReference(text));
    assert.deepEqual(extractMentions(text), extractMentionsReference(text));
  });
});

test('tokenize is unchanged on any string (full Unicode, lone surrogates included)', () => {
  check(fc.string({ unit: 'binary', maxLength: 200 }), (text) => assert.deepEqual(tokenize(text), tokenizeReference(text)));
});

test('normalizeTag is unchanged on generated tags and on any string', () => {
  const raw = fc.oneof(tag, word, fc.tuple(space, tag, space).map((a) => a.join('')), fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.string({ unit: 'binary', maxLength: 50 }));
  check(raw, (text) => assert.equal(normalizeTag(text), normalizeTagReference(text)));
});

// --- the adversarial bodies of the benchmark ---------------------------------------------------

/** Repeats `unit` after `prefix` up to `length` characters. */
const fill = (prefix: string, unit: string, length = 5000) => (prefix + unit.repeat(Math.ceil(length / unit.length))).slice(0, length);

test('the benchmark\'s adversarial bodies tokenize as before', () => {
  const bodies = [
    fill('http://a', '.'), fill('http://a', ')'), fill('http://a', ']'), `${fill('http://a', '.', 4999)}x`,
    fill('https://example.com/wiki/Foo_(bar', '.,;:!?)]'), fill('https://a.example/(', '(((((((((()))))))))))))))))))'),
    fill('www.a', '.'), fill('', `http://a${'.'.repeat(91)} `), fill('', `http://a${')'.repeat(91)} `),
    fill('', 'https://'), fill('', 'http://a '), fill('', 'http://[ '), fill('', 'www.[ '), fill('', 'http:/'), fill('', 'www.'),
    '('.repeat(5000), '#'.repeat(5000), '@'.repeat(5000), '_'.repeat(5000), fill('#', 'a'), fill('', '#-'), fill('@a', '-'),
    fill('@a', '._-'), fill('', '-@a'), fill('@a.', '_'), fill('', '#éü '), fill('', 'http://a.(b)]) #x @y '),
  ];
  for (const text of bodies) assert.deepEqual(tokenize(text), tokenizeReference(text), JSON.stringify(text.slice(0, 40)));
});

test('links keep a bracket they opened and drop the sentence\'s punctuation', () => {
  const links = (text: string) => tokenize(text).flatMap((t) => (t.kind === 'link' ? [t.text] : []));
  assert.deepEqual(links('see https://en.wikipedia.org/wiki/Foo_(bar).'), ['https://en.wikipedia.org/wiki/Foo_(bar)']);
  assert.deepEqual(links('(see https://x.example/a).'), ['https://x.example/a']);
  assert.deepEqual(links('[https://x.example/[1]]'), ['https://x.example/[1]']);
  assert.deepEqual(links('https://x.example/a?!...'), ['https://x.example/a']);
  assert.deepEqual(links(`http://a${')'.repeat(5000)}`), ['http://a']);
  assert.deepEqual(links(`http://a(${')'.repeat(5000)}`), ['http://a()']);
  assert.deepEqual(links('http://[ www.% http://a:x http://.'), []);
  assert.deepEqual(tokenize('#Überblick @Alice.M'), [
    { kind: 'tag', text: '#Überblick', tag: 'überblick' }, { kind: 'text', text: ' ' }, { kind: 'mention', text: '@Alice.M', handle: 'alice.m' },
  ]);
});
