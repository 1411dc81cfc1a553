import { html, type PropertyValues } from 'lit';
import type { TagDetail } from '@hearth/contracts';
import { getTag } from '../runtime/api.ts';
import { HearthElement } from '../runtime/hearth-element.ts';
import { LanguagePack, defineStrings } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { failureBox } from '../runtime/state.ts';

const examplePack = new LanguagePack({});
const { t } = defineStrings(examplePack, 'example', {
  loading: 'Loading…',
  failed: 'The tag could not be loaded.',
  signedOut: 'You are signed out.',
  posts: '#{tag}: {n} posts',
});

/**
 * The smallest complete widget, for tests and as the shape a new widget copies: one attribute,
 * one piece of data, every state, the theme, the language and Retry from the base.
 *
 * @summary How many posts carry a tag (a test-only example).
 * @tagname hearth-example
 * @csspart base - The wrapper.
 * @csspart state - The loading, error and signed-out messages.
 * @fires hearth-example-loaded - Never: an example of where a widget's events are documented.
 */
export class HearthExample extends HearthElement {
  static override packs = [examplePack];
  static override properties = { tag: { type: String } };

  /** The tag to count. */
  declare tag: string;
  #detail = new Loader<TagDetail>(this);

  constructor() {
    super();
    this.tag = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { client } = this.session;
    if (this.scopeChanged(changed, ['tag'])) void this.#detail.run((signal) => getTag(client, this.tag, signal));
  }

  protected override refresh(): Promise<void> {
    return this.#detail.reload();
  }

  protected override render() {
    const words = { failed: t(this.locale, 'failed'), signedOut: t(this.locale, 'signedOut') };
    const detail = this.#detail.value;
    return html`<div class="root ${this.themeClass}" part="base">
      ${failureBox(this.locale, this.#detail, words, this.retry) ??
      (detail ? t(this.locale, 'posts', { tag: detail.name, n: detail.posts }) : t(this.locale, 'loading'))}
    </div>`;
  }
}

if (!customElements.get('hearth-example')) customElements.define('hearth-example', HearthExample);
