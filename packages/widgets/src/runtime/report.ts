import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ContentKind, Hidden } from '@hearth/contracts';
import { adopt } from './adopt.ts';
import { defineStrings } from './i18n.ts';
import { lazyDefine } from './lazy-define.ts';
import { runtimePack } from './strings.ts';

/*
 * What every widget that shows people's content needs of moderation: the Report button, the
 * dialog it opens (a chunk of its own, report-dialog.ts, fetched on the first press), and how
 * hidden content looks. Loaded with the parts that show content (the feed's posts, ask-expert's
 * question and lists), never with a widget's first download.
 */

export const reportStrings = defineStrings(runtimePack, 'report', {
  report: 'Report',
  // The Report button's accessible name, by what is reported.
  post: 'Report {name}’s post',
  reply: 'Report {name}’s reply',
  question: 'Report {name}’s question',
  answer: 'Report {name}’s answer',
  hidden: 'Hidden by a moderator',
  // Shown to the author (and moderators) above hidden content; {reason} is the moderator's.
  hiddenNotice: 'Hidden by a moderator: {reason}. Others cannot see it.',
});
const { t } = reportStrings;

/** What the Report button names: a reply is a post with a parent. */
export type ReportedAs = 'post' | 'reply' | 'question' | 'answer';

/** What a report is about, and the dialog's title ("Report Sam Taylor’s post"). */
export interface ReportTarget {
  kind: ContentKind;
  id: number;
  label: string;
}

const styles = css`
  .hidden-placeholder {
    color: var(--_muted);
    font-style: italic;
  }
  .hidden-notice {
    margin: calc(0.5 * var(--_space)) 0 0;
    padding: calc(0.35 * var(--_space)) calc(0.65 * var(--_space));
    border-inline-start: 3px solid var(--_warn);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_warn) 10%, var(--_surface));
    overflow-wrap: anywhere;
  }
  .hidden-body {
    color: var(--_muted);
  }
`;

/** Adds the looks of hidden content to the widget's shadow root (once). */
export function adoptReportStyles(root: Node): void {
  adopt(root, styles);
}

/**
 * How `hidden` content is shown to the person reading it: `concealed` for others (the server
 * sent no text: a placeholder instead, no actions), `notice` for its author and the moderators
 * (the server sent the text and the reason: the text dimmed, under the notice).
 */
export function hiddenView(hidden: Hidden | null): 'concealed' | 'notice' | null {
  return hidden ? (hidden.reason === null ? 'concealed' : 'notice') : null;
}

/** "Hidden by a moderator", in place of content others may not see. */
export const hiddenText = (locale: string): string => t(locale, 'hidden');

/** "Hidden by a moderator: <reason>. Others cannot see it." for the author and moderators. */
export function hiddenNotice(locale: string, hidden: Hidden, id?: string): TemplateResult {
  // The sentence adds its own full stop.
  const reason = (hidden.reason ?? '').trim().replace(/\.+$/, '');
  return html`<p class="hidden-notice" id=${id ?? nothing}>${t(locale, 'hiddenNotice', { reason })}</p>`;
}

/** The Report dialog's element, from its own chunk, once per page. */
export const loadReportDialog = () =>
  lazyDefine('hearth-report-dialog', () => import('./report-dialog.ts').then((m) => m.HearthReportDialog));

type Host = ReactiveControllerHost & HTMLElement;

/**
 * A part's Report buttons and the dialog they open. The part renders `button()` beside what may
 * be reported and `render()` once (the dialog, while open); closing the dialog puts focus back
 * on the button that opened it.
 */
export class Reporter implements ReactiveController {
  /** What the open dialog reports; null while closed. */
  target: ReportTarget | null = null;
  readonly #host: Host;
  #opener: HTMLElement | null = null;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    adoptReportStyles(this.#host.getRootNode());
  }

  /**
   * The Report button for `id`, written by `name`. `failed` is told when the dialog's chunk
   * cannot be fetched (offline, a new release), for the part to say so where it says errors.
   */
  button(locale: string, as: ReportedAs, id: number, name: string, failed: () => void): TemplateResult {
    const label = t(locale, as, { name });
    const kind: ContentKind = as === 'reply' ? 'post' : as;
    return html`<button
      type="button"
      class="quiet report"
      aria-label=${label}
      aria-haspopup="dialog"
      @click=${(event: Event) => this.open({ kind, id, label }, event.currentTarget as HTMLElement).catch(failed)}
    >
      ${t(locale, 'report')}
    </button>`;
  }

  /** Opens the dialog for `target` (fetching its chunk the first time); `opener` gets focus back. */
  async open(target: ReportTarget, opener: HTMLElement): Promise<void> {
    await loadReportDialog();
    this.#opener = opener;
    this.target = target;
    this.#host.requestUpdate();
  }

  /** The dialog while it is open. */
  render(): TemplateResult | typeof nothing {
    const target = this.target;
    return target
      ? html`<hearth-report-dialog .target=${target} @hearth-report-close=${this.#closed}></hearth-report-dialog>`
      : nothing;
  }

  readonly #closed = async (): Promise<void> => {
    this.target = null;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#opener?.focus();
    this.#opener = null;
  };
}
