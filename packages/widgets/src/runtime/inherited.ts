import { ContextConsumer } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import type { HearthClient } from './client.ts';
import { hearthContext, langContext } from './context.ts';
import type { HearthSession } from './session.ts';

/**
 * What a widget's own parts (a post, a composer, an opened question) take from the widget around
 * them through context: its session and the language it renders in. They re-render when either
 * changes, as the widget does.
 */
export class Inherited {
  readonly #context: ContextConsumer<typeof hearthContext, ReactiveControllerHost & HTMLElement>;
  readonly #lang: ContextConsumer<typeof langContext, ReactiveControllerHost & HTMLElement>;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#context = new ContextConsumer(host, { context: hearthContext, subscribe: true });
    this.#lang = new ContextConsumer(host, { context: langContext, subscribe: true });
  }

  /** The widget's session; null only for a part placed outside any widget. */
  get session(): HearthSession | null {
    return this.#context.value?.session ?? null;
  }

  get client(): HearthClient | null {
    return this.session?.client ?? null;
  }

  /** The widget's language (English outside any widget). */
  get locale(): string {
    return this.#lang.value ?? 'en';
  }
}
