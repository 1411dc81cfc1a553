/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import { type TemplateResult, html } from 'lit';
import type { Me } from '@hearth/contracts';
import { MockApi, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { makeCommunity } from '../testing/mock-communities.ts';
import { makeItem } from '../testing/mock-moderation.ts';
import { sampleQuestions } from '../testing/mock-questions.ts';
import {
  BIG,
  WIDGETS,
  type WidgetName,
  find,
  i18nApi,
  loaded,
  mount,
  textOf,
  unmountAll,
  widget,
} from '../testing/i18n-fixtures.ts';

/*
 * The widgets in French, German and Spanish against the mock API: the words of the
 * language, and dates and numbers formatted by Intl in it; how the language is found (the
 * element's own `lang`, the nearest one around it, <hearth-config lang>, the page's) and followed
 * when a portal switches it.
 */

type Language = 'en' | 'fr' | 'de' | 'es';

/** What each widget says in each language: words of its pack, and an Intl-formatted date. */
const SAYS: Record<Language, Record<WidgetName, string[]>> = {
  en: {
    feed: ['Like', 'Reply', '2 replies', '2 hours ago', '12,345'],
    cloud: ['Popular tags', 'last 30 days', '12,345'],
    card: ['Open', 'Join', 'Latest posts', '12,345 members', 'Managed by Jonas Weber', 'Last post 2 hours ago'],
    ask: ['All', 'Unanswered', 'Answered', '2 answers', '2 weeks ago'],
    moderation: ['To review', 'Hidden', 'Closed', 'Post by Sam Taylor', 'written 2 hours ago', '12,345 people reported this', 'Spam 12,345', 'Hide', 'Dismiss'],
    notifications: ['Notifications', 'Mark all read', '12,345 replies to your post from Jonas Weber and others', '2 hours ago', 'unread'],
    search: ['Search', 'Popular tags', 'Recent questions', '#kubernetes 12,345', 'Answered', 'Open'],
    person: ['Follow', 'Ask Jonas', 'What they know', '12,345 followers', 'declared · 2 endorsements', 'Recent posts and answers', '2 hours ago · accepted'],
    adoption: ['Adoption', 'Contributing', '400 of 1,200', 'Target met', 'Target not met', 'Download CSV', 'Targets'],
  },
  fr: {
    feed: ['J’aime', 'Répondre', '2 réponses', 'il y a 2 heures', '12\u202f345'],
    cloud: ['Tags populaires', 'sur les 30 derniers jours', '12\u202f345'],
    card: ['Ouverte', 'Rejoindre', 'Dernières publications', '12\u202f345 membres', 'Gérée par Jonas Weber', 'Dernière publication il y a 2 heures'],
    ask: ['Toutes', 'Sans réponse', 'Résolue', '2 réponses', 'il y a 2 semaines'],
    moderation: [
      'À examiner', 'Masqués', 'Clôturés', 'Publication de Sam Taylor', 'écrite il y a 2 heures', '12\u202f345 personnes l’ont signalée', 'Spam 12\u202f345',
      'Masquer', 'Classer',
    ],
    notifications: ['Notifications', 'Tout marquer comme lu', '12\u202f345 réponses à votre publication de Jonas Weber et d’autres personnes', 'il y a 2 heures', 'non lue'],
    search: ['Rechercher', 'Tags populaires', 'Questions récentes', '#kubernetes 12\u202f345', 'Résolue', 'Ouverte'],
    person: ['Suivre', 'Demander à Jonas', 'Ce qu’il ou elle sait', '12\u202f345 abonnés', 'déclaré · 2 recommandations', 'Publications et réponses récentes', 'il y a 2 heures · acceptée'],
    adoption: ['Adoption', 'Contributeurs', 'Délai médian avant la réponse d’un expert\u00a0: 9,25 h', 'Objectif atteint', 'Objectif non atteint', 'Télécharger en CSV', 'Objectifs'],
  },
  de: {
    feed: ['Gefällt mir', 'Antworten', '2 Antworten', 'vor 2 Stunden', '12.345'],
    cloud: ['Beliebte Tags', 'in den letzten 30 Tagen', '12.345'],
    card: ['Offen', 'Beitreten', 'Neueste Beiträge', '12.345 Mitglieder', 'Verwaltet von Jonas Weber', 'Letzter Beitrag vor 2 Stunden'],
    ask: ['Alle', 'Unbeantwortet', 'Beantwortet', '2 Antworten', 'vor 2 Wochen'],
    moderation: [
      'Zu prüfen', 'Ausgeblendet', 'Erledigt', 'Beitrag von Sam Taylor', 'geschrieben vor 2 Stunden', '12.345 Personen haben das gemeldet', 'Spam 12.345',
      'Ausblenden', 'Verwerfen',
    ],
    notifications: ['Benachrichtigungen', 'Alle als gelesen markieren', '12.345 Antworten auf Ihren Beitrag von Jonas Weber und weitere', 'vor 2 Stunden', 'ungelesen'],
    search: ['Suchen', 'Beliebte Tags', 'Neueste Fragen', '#kubernetes 12.345', 'Beantwortet', 'Offen'],
    person: ['Folgen', 'Jonas fragen', 'Was diese Person weiß', '12.345 Follower', 'selbst angegeben · 2 Empfehlungen', 'Neueste Beiträge und Antworten', 'vor 2 Stunden · akzeptiert'],
    adoption: ['Nutzung', 'Beitragende', 'Mittlere Zeit bis zur Antwort einer Fachperson: 9,25 h', 'Ziel erreicht', 'Ziel nicht erreicht', 'Als CSV herunterladen', 'Ziele'],
  },
  es: {
    feed: ['Me gusta', 'Responder', '2 respuestas', 'hace 2 horas', '12.345'],
    cloud: ['Etiquetas populares', 'últimos 30 días', '12.345'],
    card: ['Abierta', 'Unirse', 'Últimas publicaciones', '12.345 miembros', 'Gestionada por Jonas Weber', 'Última publicación hace 2 horas'],
    ask: ['Todas', 'Sin respuesta', 'Respondida', '2 respuestas', 'hace 2 semanas'],
    moderation: [
      'Por revisar', 'Ocultos', 'Cerrados', 'Publicación de Sam Taylor', 'escrita hace 2 horas', '12.345 personas lo han denunciado', 'Spam 12.345',
      'Ocultar', 'Descartar',
    ],
    notifications: ['Notificaciones', 'Marcar todo como leído', '12.345 respuestas a tu publicación de Jonas Weber y otras personas', 'hace 2 horas', 'sin leer'],
    search: ['Buscar', 'Etiquetas populares', 'Preguntas recientes', '#kubernetes 12.345', 'Respondida', 'Abierta'],
    person: ['Seguir', 'Preguntar a Jonas', 'Lo que sabe', '12.345 seguidores', 'declarado · 2 recomendaciones', 'Publicaciones y respuestas recientes', 'hace 2 horas · aceptada'],
    adoption: ['Adopción', 'Contribuyendo', '400 de 1200', 'Objetivo cumplido', 'Objetivo no cumplido', 'Descargar CSV', 'Objetivos'],
  },
};

/** English a widget must not show in another language (checked as whole words). */
const ENGLISH: Record<WidgetName, string[]> = {
  feed: ['Like', 'Reply', 'replies', 'ago'],
  cloud: ['Popular tags', 'last 30 days', 'posts'],
  card: ['Open', 'Join', 'Latest posts', 'members', 'ago'],
  ask: ['Unanswered', 'Answered', 'answers', 'ago'],
  moderation: ['To review', 'Hidden', 'Closed', 'Post by', 'written', 'flagged', 'reported', 'Hide', 'Dismiss', 'ago'],
  notifications: ['Mark all read', 'replies', 'your post', 'unread', 'ago'],
  search: ['Search', 'Popular tags', 'Recent questions', 'Answered'],
  person: ['Follow', 'What they know', 'followers', 'declared', 'endorsements', 'ago'],
  adoption: ['Target met', 'Contributing', 'Download CSV', 'Archive', 'Inactive communities'],
};

/**
 * The widgets that show their loading state while their words load. The feed joins once
 * hearth-feed.ts renders its skeleton while `this.#langs.loading` (one line in `#renderFeed`).
 */
const WAIT_FOR_WORDS: readonly WidgetName[] = ['feed', 'cloud', 'card', 'ask', 'moderation', 'notifications', 'search', 'person', 'adoption'];

const englishIn = (text: string, name: WidgetName) =>
  ENGLISH[name].filter((word) => new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'u').test(text));

/** Waits until the widget shows its data and every one of `words`. */
async function says(el: HTMLElement, name: WidgetName, words: string[]): Promise<void> {
  try {
    await waitUntil(() => loaded(el, name) && words.every((w) => textOf(el).includes(w)), '', { timeout: 5000 });
  } catch {
    const missing = words.filter((w) => !textOf(el).includes(w));
    throw new Error(`<${el.localName}> does not say ${missing.map((w) => `"${w}"`).join(', ')}; it says: ${textOf(el)}`);
  }
}

/** Every text a widget shows, from its first render on (one entry per change of its DOM). */
function recordTexts(el: HTMLElement): string[] {
  const seen: string[] = [];
  const record = () => seen.push(textOf(el));
  new MutationObserver(record).observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
  return seen;
}

const html0 = document.documentElement;
const initialLang = html0.getAttribute('lang');

function restorePageLang(): void {
  if (initialLang === null) html0.removeAttribute('lang');
  else html0.setAttribute('lang', initialLang);
  document.querySelector('hearth-config')?.remove();
}

describe('widgets in the language of the page', () => {
  afterEach(() => {
    unmountAll();
    restorePageLang();
  });

  // First in this file: no Spanish and no German is loaded yet, so their chunks are fetched
  // while the widgets load their data (then while they show it).
  it('shows the loading state, never English, while a language’s strings are on their way', async () => {
    const api = i18nApi();
    const root = mount(html`${WIDGETS.map((name) => widget(name, api))}`, { lang: 'es' });
    const texts = new Map(WIDGETS.map((name) => [name, recordTexts(find(root, name))]));
    for (const name of WIDGETS) await says(find(root, name), name, SAYS.es[name]);
    for (const name of WAIT_FOR_WORDS) {
      const flashes = texts.get(name)!.filter((text) => englishIn(text, name).length > 0);
      expect(flashes, `<${find(root, name).localName}> showed English first`).to.deep.equal([]);
    }
  });

  it('switching to a language whose strings are not loaded shows the loading state until they are', async () => {
    const api = i18nApi();
    const root = mount(html`${WIDGETS.map((name) => widget(name, api))}`, { lang: 'en' });
    for (const name of WIDGETS) await says(find(root, name), name, SAYS.en[name]);
    root.setAttribute('lang', 'de');
    // The observer of lang attributes reacts in a microtask, the widgets render in the next ones;
    // the German chunks need at least a task (a fetch, even from the browser's cache when an
    // earlier test file loaded them), so the widgets' next render comes before them.
    await Promise.resolve();
    await Promise.all(WIDGETS.map((name) => (find(root, name) as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
    const still = WAIT_FOR_WORDS.filter((name) => loaded(find(root, name), name) || englishIn(textOf(find(root, name)), name).length > 0);
    expect(still, 'still showing English').to.deep.equal([]);
    for (const name of WIDGETS) await says(find(root, name), name, SAYS.de[name]);
  });

  for (const lang of ['fr', 'de', 'es'] as const) {
    for (const name of WIDGETS) {
      it(`${name} inside <div lang="${lang}"> speaks ${lang}: its words, dates and numbers`, async () => {
        const root = mount(widget(name, i18nApi()), { lang });
        const el = find(root, name);
        await says(el, name, SAYS[lang][name]);
        expect(englishIn(textOf(el), name), 'English left over').to.deep.equal([]);
      });
    }
  }

  it('the French thousands separator is a narrow no-break space, as Intl says', async () => {
    const root = mount(widget('cloud', i18nApi()), { lang: 'fr' });
    const el = find(root, 'cloud');
    await says(el, 'cloud', SAYS.fr.cloud);
    const count = el.shadowRoot!.querySelector('.count')!.textContent;
    expect(count).to.equal(new Intl.NumberFormat('fr').format(BIG));
    expect(count).to.equal('12\u202f345');
  });

  it('a lang on the element itself wins over the one around it', async () => {
    const api = i18nApi();
    const root = mount(html`${WIDGETS.map((name) => widget(name, api, 'de'))}`, { lang: 'fr' });
    for (const name of WIDGETS) await says(find(root, name), name, SAYS.de[name]);
  });

  it('<hearth-config lang> sets the language of widgets with no lang around them, and a change of it is followed', async () => {
    html0.setAttribute('lang', 'en');
    const config = document.createElement('hearth-config');
    config.setAttribute('lang', 'fr');
    document.body.append(config);
    const api = i18nApi();
    const root = mount(html`${WIDGETS.map((name) => widget(name, api))}`);
    for (const name of WIDGETS) await says(find(root, name), name, SAYS.fr[name]);
    config.setAttribute('lang', 'es');
    for (const name of WIDGETS) await says(find(root, name), name, SAYS.es[name]);
  });

  it('switching <html lang> (a single-page portal) re-renders the mounted widgets in the new language', async () => {
    html0.setAttribute('lang', 'en');
    const api = i18nApi();
    const root = mount(html`${WIDGETS.map((name) => widget(name, api))}`);
    for (const name of WIDGETS) await says(find(root, name), name, SAYS.en[name]);
    html0.setAttribute('lang', 'de');
    for (const name of WIDGETS) await says(find(root, name), name, SAYS.de[name]);
    html0.setAttribute('lang', 'fr');
    for (const name of WIDGETS) await says(find(root, name), name, SAYS.fr[name]);
    html0.setAttribute('lang', 'en');
    for (const name of WIDGETS) await says(find(root, name), name, SAYS.en[name]);
  });

  it('regional tags (fr-CA, de-AT) use their language’s words with the region’s formats', async () => {
    const api = i18nApi();
    const canada = mount(html`${WIDGETS.map((name) => widget(name, api))}`, { lang: 'fr-CA' });
    const austria = mount(html`${WIDGETS.map((name) => widget(name, api))}`, { lang: 'de-AT' });
    for (const name of WIDGETS) {
      await says(find(canada, name), name, SAYS.fr[name].filter((w) => !w.includes('345')));
      await says(find(austria, name), name, SAYS.de[name].filter((w) => !w.includes('345')));
    }
    // Austria groups thousands with a space, Germany with a dot; Canada's French with a no-break space.
    const count = (root: HTMLElement) => find(root, 'cloud').shadowRoot!.querySelector('.count')!.textContent;
    expect(count(austria)).to.equal(new Intl.NumberFormat('de-AT').format(BIG));
    expect(count(austria)).to.not.equal('12.345');
    expect(count(canada)).to.equal(new Intl.NumberFormat('fr-CA').format(BIG));
  });

  it('an unknown language (ja) gets English words with Japanese dates and numbers', async () => {
    const api = i18nApi();
    const root = mount(html`${WIDGETS.map((name) => widget(name, api))}`, { lang: 'ja' });
    const japanese: Record<WidgetName, string[]> = {
      feed: ['Like', 'Reply', '2 replies', '2 時間前'],
      cloud: ['Popular tags', 'last 30 days', '12,345'],
      card: ['Open', 'Join', '12,345 members', 'Last post 2 時間前'],
      ask: ['All', 'Unanswered', '1 answer ', '2 answers', '2 週間前'],
      moderation: ['To review', 'Hidden', '12,345 people reported this', 'written 2 時間前'],
      notifications: ['Notifications', '12,345 replies to your post', '2 時間前'],
      search: ['Search', 'Popular tags', '#kubernetes 12,345'],
      person: ['Follow', 'Ask Jonas', '12,345 followers', '2 時間前'],
      adoption: ['Adoption', 'Target met', '400 of 1,200'],
    };
    for (const name of WIDGETS) await says(find(root, name), name, japanese[name]);
  });

  for (const bad of ['fr_FR', '123', '']) {
    it(`a malformed lang="${bad}" does not break the widgets: they use the page's language`, async () => {
      html0.setAttribute('lang', 'de');
      const api = i18nApi();
      const root = mount(html`${WIDGETS.map((name) => widget(name, api))}`, { lang: bad });
      for (const name of WIDGETS) await says(find(root, name), name, SAYS.de[name]);
    });
  }
});

describe('errors in the language of the widget', () => {
  afterEach(unmountAll);

  const NETWORK = {
    de: 'Hearth ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    fr: 'Hearth est injoignable. Vérifiez votre connexion et réessayez.',
    es: 'No se puede conectar con Hearth. Comprueba tu conexión y vuelve a intentarlo.',
  };

  /** Mounts `template` in German, waits for `de`, switches the page section to French, waits for `fr`. */
  async function saysThenResays(template: (api: MockApi) => TemplateResult, api: MockApi, de: string[], fr: string[], act?: (el: HTMLElement) => Promise<void>) {
    const root = mount(template(api), { lang: 'de' });
    const el = root.firstElementChild as HTMLElement;
    await waitUntil(() => !!el.shadowRoot && textOf(el).length > 0 && !el.shadowRoot.querySelector('.skeleton'), 'never rendered');
    await act?.(el);
    const wait = async (words: string[]) => {
      try {
        await waitUntil(() => words.every((w) => textOf(el).includes(w)), '', { timeout: 5000 });
      } catch {
        throw new Error(`<${el.localName}> does not say ${words.filter((w) => !textOf(el).includes(w)).join(' / ')}; it says: ${textOf(el)}`);
      }
    };
    await wait(de);
    root.setAttribute('lang', 'fr');
    await wait(fr);
  }

  it('the tag cloud says why it could not load, and says it again after a switch of language', async () => {
    const api = useMockApi(new MockApi({ fail: { tagCloud: { network: true } } }));
    await saysThenResays(
      (a) => html`<hearth-tag-cloud api=${a.api} token-url=${a.tokenUrl}></hearth-tag-cloud>`,
      api,
      ['Die Tags konnten nicht geladen werden.', NETWORK.de, 'Erneut versuchen'],
      ['Impossible de charger les tags.', NETWORK.fr, 'Réessayer'],
    );
  });

  it('the community card says a server error in its language', async () => {
    const api = useMockApi(new MockApi({ fail: { getCommunity: { status: 503 } }, data: { communities: [makeCommunity()] } }));
    await saysThenResays(
      (a) => html`<hearth-community-card api=${a.api} token-url=${a.tokenUrl} community="engineering"></hearth-community-card>`,
      api,
      ['Die Community konnte nicht geladen werden.', 'Auf dem Server ist ein Fehler aufgetreten (503).'],
      ['Impossible de charger la communauté.', 'Une erreur s’est produite sur le serveur (503).'],
    );
  });

  it('the community card says why joining failed, in its language', async () => {
    const api = useMockApi(new MockApi({ fail: { joinCommunity: { network: true } }, data: { communities: [makeCommunity()] } }));
    await saysThenResays(
      (a) => html`<hearth-community-card api=${a.api} token-url=${a.tokenUrl} community="engineering"></hearth-community-card>`,
      api,
      [NETWORK.de],
      [NETWORK.fr],
      async (el) => {
        const join = await waitUntil(() => el.shadowRoot!.querySelector<HTMLButtonElement>('.act'), 'no Join').then(() => el.shadowRoot!.querySelector<HTMLButtonElement>('.act')!);
        await waitUntil(() => join.textContent!.trim() === 'Beitreten', 'not in German');
        join.click();
      },
    );
  });

  it('ask-expert says why the questions or the people who know could not load', async () => {
    const api = useMockApi(new MockApi({ fail: { listQuestions: { network: true }, experts: { status: 500 } }, data: { questions: { questions: [], experts: [] } } }));
    await saysThenResays(
      (a) => html`<hearth-ask-expert api=${a.api} token-url=${a.tokenUrl} view="questions"></hearth-ask-expert>`,
      api,
      ['Die Fragen konnten nicht geladen werden.', NETWORK.de],
      ['Impossible de charger les questions.', NETWORK.fr],
    );
    await saysThenResays(
      (a) => html`<hearth-ask-expert api=${a.api} token-url=${a.tokenUrl} view="experts" tags="kubernetes"></hearth-ask-expert>`,
      api,
      ['Die Personen, die sich auskennen, konnten nicht geladen werden.', 'Auf dem Server ist ein Fehler aufgetreten (500).'],
      ['Impossible de charger les personnes qui s’y connaissent.', 'Une erreur s’est produite sur le serveur (500).'],
    );
  });

  it('ask-expert says why a question was not posted, and keeps saying it in the new language', async () => {
    const api = useMockApi(new MockApi({ fail: { askQuestion: { network: true } }, data: { questions: { questions: [], experts: [] } } }));
    await saysThenResays(
      (a) => html`<hearth-ask-expert api=${a.api} token-url=${a.tokenUrl} view="ask"></hearth-ask-expert>`,
      api,
      [`Ihre Frage wurde nicht veröffentlicht: ${NETWORK.de} Ihre Eingaben bleiben erhalten.`],
      [`Votre question n’a pas été publiée\u00a0: ${NETWORK.fr} Rien de ce que vous avez saisi n’est perdu.`],
      async (el) => {
        await waitUntil(() => textOf(el).includes('Ihre Frage'), 'not in German');
        const title = el.shadowRoot!.querySelector<HTMLInputElement>('#title')!;
        title.value = 'Which VPN client works on Linux laptops?';
        title.dispatchEvent(new Event('input'));
        el.shadowRoot!.querySelector<HTMLButtonElement>('form .primary')!.click();
      },
    );
  });

  it('an opened question says why a vote or an answer failed, in the widget’s language', async () => {
    const api = useMockApi(
      new MockApi({
        fail: { voteAnswer: { network: true }, answerQuestion: { status: 502 } },
        data: { questions: { questions: sampleQuestions(), experts: [] } },
      }),
    );
    await saysThenResays(
      (a) => html`<hearth-ask-expert api=${a.api} token-url=${a.tokenUrl} view="questions"></hearth-ask-expert>`,
      api,
      [`Ihre Bewertung konnte nicht gespeichert werden: ${NETWORK.de}`, 'Auf dem Server ist ein Fehler aufgetreten (502).'],
      [`Impossible d’enregistrer votre vote\u00a0: ${NETWORK.fr}`, 'Une erreur s’est produite sur le serveur (502).'],
      async (el) => {
        const $ = <T extends Element>(s: string) => el.shadowRoot!.querySelector<T>(s);
        await waitUntil(() => $('[data-question="1"]') && textOf(el).includes('Alle'), 'no German list');
        $<HTMLElement>('[data-question="1"]')!.click();
        await waitUntil(() => $('hearth-ask-expert-question .vote'), 'the question did not open');
        $<HTMLButtonElement>('hearth-ask-expert-question .vote')!.click();
        const answer = $<HTMLTextAreaElement>('hearth-ask-expert-question textarea')!;
        answer.value = 'Use the IT portal.';
        answer.dispatchEvent(new Event('input'));
        await (el.shadowRoot!.querySelector('hearth-ask-expert-question') as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
        $<HTMLButtonElement>('hearth-ask-expert-question .answer-form .primary')!.click();
      },
    );
  });
});

describe('errors in the language of the moderation queue', () => {
  afterEach(unmountAll);

  const [mira, jonas] = samplePeople as [Me, Me];
  const NETWORK = {
    de: 'Hearth ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    fr: 'Hearth est injoignable. Vérifiez votre connexion et réessayez.',
  };
  const moderation = (a: MockApi) => html`<hearth-moderation api=${a.api} token-url=${a.tokenUrl}></hearth-moderation>`;

  /** Mounts `<hearth-moderation>` in German, waits for `de`, switches the page section to French, waits for `fr`. */
  async function saysThenResays(api: MockApi, de: string[], fr: string[], act?: (el: HTMLElement) => Promise<void>): Promise<HTMLElement> {
    const root = mount(moderation(api), { lang: 'de' });
    const el = root.firstElementChild as HTMLElement;
    await waitUntil(() => !!el.shadowRoot && textOf(el).length > 0 && !el.shadowRoot.querySelector('.skeleton, .tabs-bone'), 'never rendered');
    await act?.(el);
    const wait = async (words: string[]) => {
      try {
        await waitUntil(() => words.every((w) => textOf(el).includes(w)), '', { timeout: 5000 });
      } catch {
        throw new Error(`<${el.localName}> does not say ${words.filter((w) => !textOf(el).includes(w)).join(' / ')}; it says: ${textOf(el)}`);
      }
    };
    await wait(de);
    root.setAttribute('lang', 'fr');
    await wait(fr);
    return el;
  }

  it('the queue says why it could not load, and says it again after a switch of language', async () => {
    const api = useMockApi(new MockApi({ me: jonas, fail: { moderationQueue: { network: true } }, data: { moderation: { items: [] } } }));
    await saysThenResays(
      api,
      ['Zu prüfen', 'Die Moderationsliste konnte nicht geladen werden.', NETWORK.de, 'Erneut versuchen'],
      ['À examiner', 'Impossible de charger la file de modération.', NETWORK.fr, 'Réessayer'],
    );
  });

  it('the queue says a server error in its language', async () => {
    const api = useMockApi(new MockApi({ me: jonas, fail: { moderationQueue: { status: 503 } }, data: { moderation: { items: [] } } }));
    await saysThenResays(
      api,
      ['Die Moderationsliste konnte nicht geladen werden.', 'Auf dem Server ist ein Fehler aufgetreten (503).'],
      ['Impossible de charger la file de modération.', 'Une erreur s’est produite sur le serveur (503).'],
    );
  });

  it('someone who moderates nothing is told so in the language of the page, before and after a switch', async () => {
    const api = useMockApi(new MockApi({ me: mira, data: { moderation: { items: [makeItem()] } } }));
    await saysThenResays(api, ['Sie sind kein Moderator.', 'Erneut versuchen'], ['Vous n’êtes pas modérateur.', 'Réessayer']);
  });

  // The queue keeps the failure, not its text, so the message follows the switch. (French is
  // loaded by the tests before, so the switch re-renders the form rather than the skeleton.)
  it('a failed Hide says why beside the reason form, and says it again after a switch of language, keeping the reason', async () => {
    const api = useMockApi(new MockApi({ me: jonas, fail: { hideContent: { network: true } }, data: { moderation: { items: [makeItem({ id: 5 })] } } }));
    const reason = 'Werbung ist hier nicht erlaubt';
    const shown = await saysThenResays(api, [NETWORK.de, 'Warum wird es ausgeblendet?'], [NETWORK.fr, 'Pourquoi la masquer\u202f?'], async (el) => {
      const $ = <T extends Element>(s: string) => el.shadowRoot!.querySelector<T>(s);
      await waitUntil(() => $('[data-item="post-5"] button.hide')?.textContent?.trim() === 'Ausblenden', 'no German Hide');
      $<HTMLButtonElement>('[data-item="post-5"] button.hide')!.click();
      await waitUntil(() => $('[data-item="post-5"] textarea'), 'the reason form did not open');
      const field = $<HTMLTextAreaElement>('[data-item="post-5"] textarea')!;
      field.value = reason;
      field.dispatchEvent(new Event('input'));
      $<HTMLButtonElement>('[data-item="post-5"] form button[type="submit"]')!.click();
    });
    expect(shown.shadowRoot!.querySelector<HTMLTextAreaElement>('[data-item="post-5"] textarea')?.value).to.equal(reason);
    expect(api.calls('hideContent')).to.have.length(1);
  });
});

describe('German at 320 px', () => {
  afterEach(unmountAll);

  it('every label fits: nothing sticks out of a widget 320 px wide', async () => {
    const api = i18nApi();
    const root = mount(html`${WIDGETS.map((name) => widget(name, api))}`, { lang: 'de', style: 'width: 320px' });
    for (const name of WIDGETS) await says(find(root, name), name, SAYS.de[name]);
    for (const name of WIDGETS) {
      const el = find(root, name);
      const box = el.getBoundingClientRect();
      expect(box.width).to.equal(320);
      // A data table may be wider than the page inside its own sideways-scrolling region (a
      // focusable, named `.scroll` box, WCAG 1.4.10's exception for tables): the region must fit.
      const out = [...el.shadowRoot!.querySelectorAll('*')].filter((node) => {
        const r = node.getBoundingClientRect();
        return r.width > 0 && !node.closest('.vh') && !node.parentElement?.closest('.scroll[role="region"]') && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
      });
      expect(out.map((node) => `${node.localName}.${node.className}: ${node.textContent?.trim().slice(0, 40)}`), `<${el.localName}>`).to.deep.equal([]);
      // Text running out of its box (a word too long to wrap) widens what can be scrolled.
      expect(el.shadowRoot!.querySelector('[part="base"]')!.scrollWidth, `<${el.localName}> scrolls sideways`).to.be.at.most(320);
    }
  });
});
