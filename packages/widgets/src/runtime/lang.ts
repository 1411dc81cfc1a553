import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLang } from './config.ts';
import { type LanguagePack, prepareFormats } from './i18n.ts';
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
  /** Packs of `#wanted` still on their way. */
  #pending = false;

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

  /**
   * True while the strings of the language the widget should be in are on their way (it still
   * renders in `value`): a widget shows its loading state meanwhile rather than flash English.
   */
  get loading(): boolean {
    return this.#pending && this.#wanted !== this.value;
  }

  /** Resolves the language again, and re-renders when it changed. */
  refresh(): void {
    const lang = resolveLang(this.#host);
    if (lang === this.#wanted) return;
    this.#wanted = lang;
    const pending = this.#packs.map((pack) => pack.load(lang)).filter((p) => p !== null);
    this.#pending = pending.length > 0;
    // Shows the loading state meanwhile (the host checks `loading`), not the old language.
    if (this.#pending) this.#host.requestUpdate();
    const apply = () => {
      // A later change of language wins over a pack that arrived late.
      if (this.#wanted !== lang) return;
      // Loaded, or failed (then English words): either way nothing is on its way any more.
      this.#pending = false;
      this.value = lang;
      this.#host.requestUpdate();
      prepareFormats(lang);
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
