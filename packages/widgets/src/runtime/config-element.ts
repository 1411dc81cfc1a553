import { ReactiveElement, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import { resolveTheme } from './config.ts';
import { hearthContext } from './context.ts';
import { sessionFor } from './session.ts';

/**
 * `<hearth-config api token-url lang theme>`: settings for the Hearth widgets of a page or a part
 * of it, as attributes (a page that forbids inline script can still configure them). The widgets
 * inside it get its session and theme through context and its language through `lang`; a
 * `<hearth-config>` elsewhere on the page (the first one) still sets the page's defaults.
 * It draws nothing: its children lay out as if it were not there.
 *
 * @summary Where the widgets inside find their server, token, language and theme.
 * @tagname hearth-config
 */
export class HearthConfigElement extends ReactiveElement {
  static override properties = {
    api: { type: String },
    tokenUrl: { type: String, attribute: 'token-url' },
    theme: { type: String },
  };

  /** The Hearth server's base URL; defaults to where the script came from. */
  declare api: string | null;
  /** Where the host page hands out tokens for the signed-in person. */
  declare tokenUrl: string | null;
  /** Colour scheme for the widgets inside: `auto`, `light` or `dark`. */
  declare theme: string | null;

  readonly #provider = new ContextProvider(this, { context: hearthContext });

  constructor() {
    super();
    this.api = null;
    this.tokenUrl = null;
    this.theme = null;
  }

  // No shadow root: the widgets inside are its light-DOM children and stay where the page put them.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#provide();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.#provide();
  }

  /**
   * Signs the person out of Hearth's own sign-in (`AUTH_MODE=oidc`, token URL `…/auth/token`):
   * the widgets then offer Sign in. Resolves with the identity provider's end-session URL, which
   * the portal may open to end the company sign-in as well, or null.
   */
  async signOut(): Promise<string | null> {
    // Its own chunk: pages sign out seldom.
    return (await import('./sign-out.ts')).signOut(sessionFor({ api: this.api, tokenUrl: this.tokenUrl }));
  }

  #provide(): void {
    const session = sessionFor({ api: this.api, tokenUrl: this.tokenUrl });
    const theme = this.theme ? resolveTheme(this.theme) : null;
    const provided = this.#provider.value;
    if (provided?.session !== session || provided.theme !== theme) this.#provider.setValue({ session, theme });
  }
}

/** Registers `<hearth-config>`; every widget's `define.ts` calls it, so any one entry has it. */
export function defineConfig(): void {
  if (!customElements.get('hearth-config')) customElements.define('hearth-config', HearthConfigElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'hearth-config': HearthConfigElement;
  }
}
