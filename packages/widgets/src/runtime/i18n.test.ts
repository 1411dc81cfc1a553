/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { HearthError } from './errors.ts';
import { LanguagePack, type PackContents, baseLanguage, defineStrings } from './i18n.ts';
import { LangController } from './lang.ts';
import { errorStrings, errorText, runtimePack } from './strings.ts';
import runtimeFr from './lang/fr.ts';
import runtimeDe from './lang/de.ts';
import runtimeEs from './lang/es.ts';
import { feedPack, feedStrings } from '../feed/strings.ts';
import { comboboxStrings } from './tag-combobox.ts';
import { reportStrings } from './report.ts';
import { reportDialogStrings } from './report-dialog.ts';
import { signInStrings } from './sign-in.ts';
import { composerStrings } from '../feed/hearth-feed-composer.ts';
import { liveStrings } from '../feed/feed-live.ts';
import { mentionStrings } from '../feed/mention-suggest.ts';
import { postViewStrings } from '../feed/post-view.ts';
import { followStrings } from './follow.ts';
import { scopeStrings } from '../feed/feed-scope.ts';
import { placingStrings } from '../feed/placing.ts';
import feedFr from '../feed/lang/fr.ts';
import feedDe from '../feed/lang/de.ts';
import feedEs from '../feed/lang/es.ts';
import { cloudPack, cloudStrings } from '../tag-cloud/strings.ts';
import cloudFr from '../tag-cloud/lang/fr.ts';
import cloudDe from '../tag-cloud/lang/de.ts';
import cloudEs from '../tag-cloud/lang/es.ts';
import { cardPack, cardStrings } from '../community-card/strings.ts';
import { manageStrings } from '../community-card/manage.ts';
import { directoryStrings } from '../community-card/directory.ts';
import cardFr from '../community-card/lang/fr.ts';
import cardDe from '../community-card/lang/de.ts';
import cardEs from '../community-card/lang/es.ts';
import { askPack, askStrings } from '../ask-expert/strings.ts';
import { similarStrings } from '../ask-expert/similar.ts';
import { questionStrings } from '../ask-expert/hearth-ask-expert-question.ts';
import { inboxStrings } from '../ask-expert/hearth-ask-expert-inbox.ts';
import askFr from '../ask-expert/lang/fr.ts';
import askDe from '../ask-expert/lang/de.ts';
import askEs from '../ask-expert/lang/es.ts';
import { moderationPack, moderationStrings } from '../moderation/strings.ts';
import { queueStrings } from '../moderation/hearth-moderation-queue.ts';
import { keywordStrings } from '../moderation/hearth-moderation-keywords.ts';
import { auditStrings } from '../moderation/hearth-moderation-audit.ts';
import moderationFr from '../moderation/lang/fr.ts';
import { adoptionPack, adoptionStrings } from '../adoption/strings.ts';
import { targetsStrings } from '../adoption/targets-strings.ts';
import adoptionFr from '../adoption/lang/fr.ts';
import adoptionDe from '../adoption/lang/de.ts';
import adoptionEs from '../adoption/lang/es.ts';
import moderationDe from '../moderation/lang/de.ts';
import moderationEs from '../moderation/lang/es.ts';
import { boxStrings, searchPack } from '../search/strings.ts';
import { resultStrings } from '../search/results-strings.ts';
import searchFr from '../search/lang/fr.ts';
import searchDe from '../search/lang/de.ts';
import searchEs from '../search/lang/es.ts';
import { personPack, personStrings } from '../person/strings.ts';
import personFr from '../person/lang/fr.ts';
import personDe from '../person/lang/de.ts';
import personEs from '../person/lang/es.ts';

type Table = Record<string, string>;
type Language = 'fr' | 'de' | 'es';
const LANGUAGES: readonly Language[] = ['fr', 'de', 'es'];

/** Every folder with strings: its pack, its English tables by name, and its language modules. */
const FOLDERS: Record<string, { pack: LanguagePack; english: Record<string, Table>; translations: Record<Language, PackContents> }> = {
  runtime: {
    pack: runtimePack,
    english: {
      errors: errorStrings.english,
      tagCombobox: comboboxStrings.english,
      report: reportStrings.english,
      reportDialog: reportDialogStrings.english,
      signIn: signInStrings.english,
      follow: followStrings.english,
    },
    translations: { fr: runtimeFr, de: runtimeDe, es: runtimeEs },
  },
  feed: {
    pack: feedPack,
    english: {
      feed: feedStrings.english,
      composer: composerStrings.english,
      live: liveStrings.english,
      mentions: mentionStrings.english,
      scope: scopeStrings.english,
      placing: placingStrings.english,
      postView: postViewStrings.english,
    },
    translations: { fr: feedFr, de: feedDe, es: feedEs },
  },
  'tag-cloud': {
    pack: cloudPack,
    english: { cloud: cloudStrings.english },
    translations: { fr: cloudFr, de: cloudDe, es: cloudEs },
  },
  'community-card': {
    pack: cardPack,
    english: { card: cardStrings.english, manage: manageStrings.english, directory: directoryStrings.english },
    translations: { fr: cardFr, de: cardDe, es: cardEs },
  },
  'ask-expert': {
    pack: askPack,
    english: {
      ask: askStrings.english,
      similar: similarStrings.english,
      question: questionStrings.english,
      inbox: inboxStrings.english,
    },
    translations: { fr: askFr, de: askDe, es: askEs },
  },
  moderation: {
    pack: moderationPack,
    english: {
      moderation: moderationStrings.english,
      queue: queueStrings.english,
      keywords: keywordStrings.english,
      audit: auditStrings.english,
    },
    translations: { fr: moderationFr, de: moderationDe, es: moderationEs },
  },
  search: {
    pack: searchPack,
    english: { box: boxStrings.english, results: resultStrings.english },
    translations: { fr: searchFr, de: searchDe, es: searchEs },
  },
  person: {
    pack: personPack,
    english: { person: personStrings.english },
    translations: { fr: personFr, de: personDe, es: personEs },
  },
  adoption: {
    pack: adoptionPack,
    english: { adoption: adoptionStrings.english, targets: targetsStrings.english },
    translations: { fr: adoptionFr, de: adoptionDe, es: adoptionEs },
  },
};

/** `{n}`, `#{tag}`: what a string fills in, with the `#` of a tag kept. */
const placeholders = (text: string) => [...text.matchAll(/#?\{\w+\}/g)].map((m) => m[0]).sort();
const words = (text: string) => text.replace(/#?\{\w+\}/g, '').match(/\p{L}+/gu) ?? [];

describe('language packs', () => {
  for (const [folder, { pack, english, translations }] of Object.entries(FOLDERS)) {
    describe(folder, () => {
      it('offers French, German and Spanish besides English', () => {
        expect(pack.languages).to.deep.equal(['en', 'fr', 'de', 'es']);
      });

      for (const lang of LANGUAGES) {
        const translated = translations[lang];

        it(`${lang}: translates every table and key of the English, and nothing else but plural forms English lacks`, () => {
          expect(Object.keys(translated).sort()).to.deep.equal(Object.keys(english).sort());
          for (const [name, table] of Object.entries(english)) {
            const keys = Object.keys(translated[name] ?? {});
            // `found_many` is a form of the English plural `found_one` / `found_other`.
            const extra = keys.filter((key) => !(key in table));
            const plurals = extra.filter((key) => /_(zero|two|few|many)$/.test(key) && `${key.replace(/_\w+$/, '')}_other` in table);
            expect(extra, `${lang} ${name}: keys English does not have`).to.deep.equal(plurals);
            expect(keys.filter((key) => key in table).sort(), `${lang} ${name}`).to.deep.equal(Object.keys(table).sort());
          }
        });

        it(`${lang}: keeps every {placeholder} of each string, and adds none`, () => {
          for (const [name, table] of Object.entries(english)) {
            for (const [key, text] of Object.entries(table)) {
              const theirs = translated[name]?.[key] ?? '';
              expect(placeholders(theirs), `${lang} ${name}.${key}: "${theirs}"`).to.deep.equal(placeholders(text));
            }
            // A form English lacks fills in what the English `_other` does.
            for (const [key, theirs] of Object.entries(translated[name] ?? {})) {
              if (key in table) continue;
              const other = table[`${key.replace(/_\w+$/, '')}_other`] ?? '';
              expect(placeholders(theirs), `${lang} ${name}.${key}: "${theirs}"`).to.deep.equal(placeholders(other));
            }
          }
        });

        it(`${lang}: says every sentence in ${lang}, not in English`, () => {
          for (const [name, table] of Object.entries(english)) {
            for (const [key, text] of Object.entries(table)) {
              const theirs = translated[name]?.[key] ?? '';
              expect(theirs.trim(), `${lang} ${name}.${key} is empty`).to.not.equal('');
              // Short labels may be the same word ("Details", "Tags", "in {name}"); sentences may not.
              if (words(text).length >= 3) expect(theirs, `${lang} ${name}.${key} is still English`).to.not.equal(text);
            }
          }
        });

        it(`${lang}: uses the typography of ${lang}`, () => {
          for (const table of Object.values(translated)) {
            for (const [key, text] of Object.entries(table)) {
              const where = `${lang} ${key}: "${text}"`;
              expect(text, `${where}: a straight quote`).to.not.match(/['"]/);
              expect(text, `${where}: three dots instead of …`).to.not.include('...');
              expect(text, `${where}: a doubled or trailing space`).to.not.match(/ {2}|^ | $/);
              if (lang === 'fr') {
                // A no-break space before : ; ? ! (so the sign never starts a line), never a plain one.
                expect(text, `${where}: no no-break space before a high sign`).to.not.match(/[^\u00a0\u202f][:;?!](?!\S)/);
              }
              if (lang === 'es') {
                // ¿...? and ¡...! come in pairs.
                expect((text.match(/\?/g) ?? []).length, `${where}: ¿ and ?`).to.equal((text.match(/¿/g) ?? []).length);
                expect((text.match(/!/g) ?? []).length, `${where}: ¡ and !`).to.equal((text.match(/¡/g) ?? []).length);
              }
            }
          }
        });

        it(`${lang}: is what the folder's pack loads for ${lang} and its regional variants`, async () => {
          await pack.load(`${lang}-XX`);
          for (const name of Object.keys(english)) {
            expect(pack.table(lang, name), name).to.equal(translated[name]);
            expect(pack.table(`${lang}-XX`, name), `${lang}-XX ${name}`).to.equal(translated[name]);
          }
        });
      }
    });
  }
});

describe('strings in a language', () => {
  before(() => Promise.all([feedPack, cardPack, runtimePack].flatMap((pack) => LANGUAGES.map((lang) => pack.load(lang)))));

  it('regional tags use the pack of their language', () => {
    expect(baseLanguage('fr-CA')).to.equal('fr');
    expect(baseLanguage('DE-at')).to.equal('de');
    expect(feedStrings.t('fr-CA', 'reply')).to.equal('Répondre');
    expect(feedStrings.t('de-AT', 'reply')).to.equal('Antworten');
    expect(feedStrings.t('es-MX', 'reply')).to.equal('Responder');
  });

  it('a language without a pack gets the English words', () => {
    expect(feedStrings.t('ja', 'reply')).to.equal('Reply');
    expect(cardStrings.plural('ja', 'members', 3)).to.equal('3 members');
  });

  it('picks the plural form by the language’s rules, with the number formatted in it', () => {
    // French says "0 réponse" (one), English and German "0 replies" (other).
    expect(feedStrings.plural('fr', 'replies', 0)).to.equal('0 réponse');
    expect(feedStrings.plural('fr', 'replies', 1)).to.equal('1 réponse');
    expect(feedStrings.plural('fr', 'replies', 2)).to.equal('2 réponses');
    expect(feedStrings.plural('de', 'replies', 0)).to.equal('0 Antworten');
    expect(feedStrings.plural('de', 'replies', 1)).to.equal('1 Antwort');
    expect(feedStrings.plural('es', 'replies', 1)).to.equal('1 respuesta');
    expect(cardStrings.plural('fr', 'members', 12_345)).to.match(/^12[\u202f\u00a0]345 membres$/);
    expect(cardStrings.plural('de', 'members', 12_345)).to.equal('12.345 Mitglieder');
    expect(cardStrings.plural('es', 'members', 12_345)).to.equal('12.345 miembros');
  });

  it('says a whole million of things the French and Spanish way, with "de" (CLDR’s many form)', () => {
    expect(cardStrings.plural('fr', 'members', 1_000_000)).to.match(/^1[\u202f\u00a0]000[\u202f\u00a0]000 de membres$/);
    expect(cardStrings.plural('es', 'members', 2_000_000)).to.equal('2.000.000 de miembros');
    expect(comboboxStrings.plural('fr', 'posts', 1_000_000)).to.match(/ de publications$/);
    // Not a whole million: the ordinary plural.
    expect(cardStrings.plural('fr', 'members', 1_000_001)).to.match(/^1[\u202f\u00a0]000[\u202f\u00a0]001 membres$/);
    expect(cardStrings.plural('es', 'members', 1_500_000)).to.equal('1.500.000 miembros');
    // German has no such form.
    expect(cardStrings.plural('de', 'members', 1_000_000)).to.equal('1.000.000 Mitglieder');
  });

  // Every French and Spanish plural that counts things has its million form. The number is
  // outside a few strings (`likes`, `votes`: "1 000 000 J’aime"), but it is read with them.
  for (const lang of ['fr', 'es'] as const) {
    it(`${lang}: every plural has its many form, "{n} de …"`, () => {
      for (const { english, translations } of Object.values(FOLDERS)) {
        for (const [name, table] of Object.entries(english)) {
          for (const key of Object.keys(table).filter((k) => k.endsWith('_other'))) {
            const many = translations[lang][name]?.[key.replace(/_other$/, '_many')];
            expect(many, `${lang} ${name}.${key.replace(/_other$/, '_many')}`).to.be.a('string');
            expect(many, `${lang} ${name}.${key}`).to.match(/\bde\b|\bd’/);
          }
        }
      }
    });
  }

  it('says the errors the widget knows in its language, and the server’s own reasons as they come', () => {
    expect(errorText('de', HearthError.network())).to.equal(
      'Hearth ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    );
    expect(errorText('fr', HearthError.signedOutError())).to.equal('Votre session a expiré. Reconnectez-vous.');
    expect(errorText('es', HearthError.fromResponse(503, {}))).to.equal('Algo ha fallado en el servidor (503).');
    const problem = HearthError.fromResponse(409, { type: 'about:blank', title: 'Conflict', status: 409, detail: 'The community is archived.' });
    expect(errorText('fr', problem)).to.equal('The community is archived.');
    expect(errorText('fr', null)).to.equal('');
  });

  it('says when to try again after a rate limit (429, Retry-After), in the language, rounded up', () => {
    const limited = (retryAfter: string | null, write = true) => {
      const error = HearthError.fromResponse(429, { type: '/problems/rate-limited', title: 'Too many requests', status: 429 }, retryAfter);
      error.write = write;
      return error;
    };
    expect(errorText('en', limited('240'))).to.equal('You are posting too fast. Try again in 4 minutes.');
    // 3 minutes and 20 seconds are not said as 3 minutes.
    expect(errorText('en', limited('200'))).to.equal('You are posting too fast. Try again in 4 minutes.');
    expect(errorText('en', limited('5'))).to.equal('You are posting too fast. Try again in 1 minute.');
    expect(errorText('en', limited('7200'))).to.equal('You are posting too fast. Try again in 2 hours.');
    expect(errorText('de', limited('240'))).to.equal('Sie veröffentlichen zu schnell. Versuchen Sie es in 4 Minuten erneut.');
    expect(errorText('fr', limited('240'))).to.equal('Vous publiez trop vite. Réessayez dans 4 minutes.');
    expect(errorText('es', limited('240'))).to.equal('Estás publicando demasiado rápido. Vuelve a intentarlo dentro de 4 minutos.');
    // An HTTP date works too; no Retry-After at all: "later".
    expect(errorText('en', limited(new Date(Date.now() + 90 * 60_000).toUTCString()))).to.equal(
      'You are posting too fast. Try again in 2 hours.',
    );
    expect(errorText('en', limited(null))).to.equal('You are posting too fast. Try again later.');
    expect(errorText('de', limited(null))).to.equal('Sie veröffentlichen zu schnell. Versuchen Sie es später erneut.');
    // A read over its limit is not "posting".
    expect(errorText('en', limited('60', false))).to.equal('Too many requests. Try again in 1 minute.');
  });
});

describe('plural forms beyond one and other', () => {
  // A made-up Polish pack: 1 post, 2–4 posty (few), 5–21 postów (many), and 1,5 posta (other:
  // fractions), by CLDR's rules; 22 is few again, 25 many.
  const pack = new LanguagePack({
    pl: () => Promise.resolve({ default: { posts: { posts_one: '{n} post', posts_few: '{n} posty', posts_many: '{n} postów', posts_other: '{n} posta' } } }),
    ru: () => Promise.resolve({ default: { posts: { posts_one: '{n} пост', posts_other: '{n} поста' } } }),
  });
  const strings = defineStrings(pack, 'posts', { posts_one: '{n} post', posts_other: '{n} posts' });
  before(() => Promise.all([pack.load('pl'), pack.load('ru')]));

  it('picks the form Intl.PluralRules selects for the language: one, few, many, other', () => {
    expect(strings.plural('pl', 'posts', 1)).to.equal('1 post');
    expect(strings.plural('pl', 'posts', 2)).to.equal('2 posty');
    expect(strings.plural('pl', 'posts', 4)).to.equal('4 posty');
    expect(strings.plural('pl', 'posts', 5)).to.equal('5 postów');
    expect(strings.plural('pl', 'posts', 12)).to.equal('12 postów');
    expect(strings.plural('pl', 'posts', 22)).to.equal('22 posty');
    expect(strings.plural('pl', 'posts', 25)).to.equal('25 postów');
    expect(strings.plural('pl', 'posts', 0)).to.equal('0 postów');
    expect(strings.plural('pl-PL', 'posts', 1.5)).to.equal('1,5 posta');
  });

  it('falls back to the _other form when the table lacks the one the language selects', () => {
    // Russian 2 is "few", 5 "many": this pack has neither.
    expect(strings.plural('ru', 'posts', 1)).to.equal('1 пост');
    expect(strings.plural('ru', 'posts', 2)).to.equal('2 поста');
    expect(strings.plural('ru', 'posts', 5)).to.equal('5 поста');
  });

  it('keeps English rules for English words', () => {
    // No Czech pack: its "few" and "many" must not reach the English table, which has neither.
    expect(strings.plural('cs', 'posts', 1)).to.equal('1 post');
    expect(strings.plural('cs', 'posts', 3)).to.equal('3 posts');
    expect(strings.plural('cs', 'posts', 1.5)).to.equal('1,5 posts');
    // Japanese has only "other": 1 is still "1 post" in English.
    expect(strings.plural('ja', 'posts', 1)).to.equal('1 post');
  });
});

/** A host for the controller alone: renders the word for "reply" in its language ("…" while loading). */
abstract class LangProbe extends LitElement {
  abstract readonly pack: LanguagePack;
  abstract readonly strings: { t(lang: string, key: 'reply'): string };
  langs!: LangController;
  override connectedCallback(): void {
    this.langs ??= new LangController(this, this.pack);
    super.connectedCallback();
  }
  protected override render() {
    return html`${this.langs.loading ? '…' : this.strings.t(this.langs.value, 'reply')}`;
  }
}

/** A pack whose French arrives when the test says so (or fails, when it says that). */
function deferredPack() {
  let settle!: { resolve(contents: PackContents): void; reject(error: Error): void };
  let calls = 0;
  const pack = new LanguagePack({
    fr: () => {
      calls += 1;
      return new Promise((resolve, reject) => {
        settle = { resolve: (contents) => resolve({ default: contents }), reject };
      });
    },
  });
  return { pack, settle: () => settle, calls: () => calls };
}

let probes = 0;
function defineProbe(pack: LanguagePack): string {
  const name = `lang-probe-${++probes}`;
  const strings = defineStrings(pack, 'probe', { reply: 'Reply' });
  customElements.define(
    name,
    class extends LangProbe {
      readonly pack = pack;
      readonly strings = strings;
    },
  );
  return name;
}

function mountProbe(name: string, lang: string): LangProbe {
  const container = document.createElement('div');
  container.lang = lang;
  container.className = 'probe';
  const probe = document.createElement(name) as LangProbe;
  container.append(probe);
  document.body.append(container);
  return probe;
}

describe('LangController', () => {
  const warn = console.warn;
  afterEach(() => {
    console.warn = warn;
    for (const container of document.querySelectorAll('body > .probe')) container.remove();
  });

  it('is loading while the pack of the wanted language is on its way, and then switches to it', async () => {
    const { pack, settle } = deferredPack();
    const probe = mountProbe(defineProbe(pack), 'fr');
    await probe.updateComplete;
    expect(probe.langs.loading).to.equal(true);
    expect(probe.langs.value).to.equal('en');
    expect(probe.shadowRoot!.textContent).to.equal('…');
    settle().resolve({ probe: { reply: 'Répondre' } });
    await waitUntil(() => probe.shadowRoot!.textContent === 'Répondre', 'the French never came');
    expect(probe.langs.loading).to.equal(false);
    expect(probe.langs.value).to.equal('fr');
  });

  it('re-renders in the loading state as soon as the page switches to a language still to load', async () => {
    const { pack, settle } = deferredPack();
    const probe = mountProbe(defineProbe(pack), 'en');
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('Reply');
    probe.parentElement!.lang = 'fr';
    await waitUntil(() => probe.shadowRoot!.textContent === '…', 'it went on showing English');
    expect(probe.langs.value).to.equal('en');
    settle().resolve({ probe: { reply: 'Répondre' } });
    await waitUntil(() => probe.shadowRoot!.textContent === 'Répondre', 'the French never came');
  });

  it('is not loading for English or a language without a pack', async () => {
    const { pack } = deferredPack();
    const name = defineProbe(pack);
    for (const lang of ['en', 'ja']) {
      const probe = mountProbe(name, lang);
      await probe.updateComplete;
      expect(probe.langs.loading, lang).to.equal(false);
      expect(probe.langs.value).to.equal(lang);
      expect(probe.shadowRoot!.textContent).to.equal('Reply');
    }
  });

  it('falls back to English words when a pack cannot be loaded, and tries again next time', async () => {
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    const { pack, settle, calls } = deferredPack();
    const name = defineProbe(pack);
    const probe = mountProbe(name, 'fr');
    await probe.updateComplete;
    settle().reject(new Error('chunk gone'));
    await waitUntil(() => !probe.langs.loading, 'it kept loading');
    await probe.updateComplete;
    expect(probe.langs.value).to.equal('fr');
    expect(probe.shadowRoot!.textContent).to.equal('Reply');
    expect(String(warnings[0]?.[0])).to.contain('"fr" strings could not be loaded');
    // Another widget asking later tries the chunk again (a deployment may have fixed it).
    const second = mountProbe(name, 'fr');
    await second.updateComplete;
    expect(calls()).to.equal(2);
    settle().resolve({ probe: { reply: 'Répondre' } });
    await waitUntil(() => second.shadowRoot!.textContent === 'Répondre', 'the second try did not bring French');
  });

  it('a later change of language wins over a pack that arrives late', async () => {
    const { pack, settle } = deferredPack();
    const probe = mountProbe(defineProbe(pack), 'fr');
    await probe.updateComplete;
    probe.parentElement!.lang = 'en';
    await waitUntil(() => !probe.langs.loading, 'still loading after switching back to English');
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('Reply');
    settle().resolve({ probe: { reply: 'Répondre' } });
    await new Promise((resolve) => setTimeout(resolve));
    await probe.updateComplete;
    expect(probe.langs.value).to.equal('en');
    expect(probe.shadowRoot!.textContent).to.equal('Reply');
  });
});
