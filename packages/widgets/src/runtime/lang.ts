import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLang } from './config.ts';
import type { LanguagePack } from './i18n.ts';
import { runtimePack } from './strings.ts';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * A widget's language, kept current the way a single-page portal expects: the nearest `lang`
 * around the element (its own attribute included), then `<hearth-config lang>`, then the
 * page's. One observer per page watches every `lang` attribute, so a portal that switches
 * `<html lang="de">` re-renders every widget in German.
 *
 * `value` changes only once the language's strings are loaded (its packs are dynamic imports),
 * so words, dates and numbers switch together, and nested elements that receive the language
 * as a property re-render with it.
 */
export class LangController implements ReactiveController {
  /** The language the widget renders in: its strings are loaded (or it has none of its own). */
  value = 'en';
  readonly #host: Host;
  readonly #packs: LanguagePack[];
  #wanted = '';

  constructor(host: Host, ...packs: LanguagePack[]) {
    this.#host = host;
    this.#packs = [runtimePack, ...packs];
    host.addController(this);
  }

  hostConnected(): void {
    watchers.add(this);
    observe();
    this.refresh();
  }

  hostDisconnected(): void {
    watchers.delete(this);
    if (watchers.size === 0) {
      observer?.disconnect();
      observer = null;
    }
  }

  /** Resolves the language again, and re-renders when it changed. */
  refresh(): void {
    const lang = resolveLang(this.#host);
    if (lang === this.#wanted) return;
    this.#wanted = lang;
    const pending = this.#packs.map((pack) => pack.load(lang)).filter((p) => p !== null);
    const apply = () => {
      // A later change of language wins over a pack that arrived late.
      if (this.#wanted !== lang || this.value === lang) return;
      this.value = lang;
      this.#host.requestUpdate();
    };
    if (pending.length === 0) apply();
    else void Promise.all(pending).then(apply);
  }
}

const watchers = new Set<LangController>();
let observer: MutationObserver | null = null;

function observe(): void {
  if (observer) return;
  observer = new MutationObserver(() => {
    for (const watcher of watchers) watcher.refresh();
  });
  // `lang` anywhere (a portal section, the widget itself, <html>) and <hearth-config lang>.
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}
