import { css, html, nothing } from 'lit';
import type { CreateReportBody, ReportReason } from '@hearth/contracts';
import { createReport } from './api.ts';
import { adopt } from './adopt.ts';
import { HearthError, isAbort } from './errors.ts';
import { HearthPart, fromWidget } from './hearth-part.ts';
import { defineStrings } from './i18n.ts';
import type { ReportTarget } from './report.ts';
import { errorText, runtimePack } from './strings.ts';

/*
 * The dialog behind every Report button (runtime/report.ts): a chunk of its own, fetched the
 * first time someone reports something, so neither widget's first download carries it. Its
 * words are in the runtime's language packs, which every widget loads anyway.
 */

export const reportDialogStrings = defineStrings(runtimePack, 'reportDialog', {
  why: 'Why should a moderator look at it?',
  spam: 'Spam or advertising',
  harassment: 'Harassment or abuse',
  confidential: 'Confidential information',
  off_topic: 'Off topic',
  other: 'Other',
  note: 'Note',
  noteHint: 'Optional, except for “Other”: say what is wrong.',
  chooseReason: 'Choose a reason.',
  noteNeeded: 'Say in the note what is wrong.',
  send: 'Send report',
  sending: 'Sending…',
  cancel: 'Cancel',
  close: 'Close',
  thanks: 'Thanks — a moderator will look at it.',
  already: 'You have already reported this.',
  failed: 'The report was not sent: {reason} What you chose and wrote is kept.',
});
const { t } = reportDialogStrings;

const REASONS: readonly ReportReason[] = ['spam', 'harassment', 'confidential', 'off_topic', 'other'];
/** As the contract's note: at most 500 characters. */
const NOTE_MAX = 500;

type Message = (lang: string) => string;
interface Errors {
  reason?: Message;
  note?: Message;
  form?: Message;
}

const stop = (event: Event): void => event.stopPropagation();

/** The event the dialog sends when it closed (sent, cancelled or Escape); it does not bubble. */
export const CLOSE_EVENT = 'hearth-report-close';

// Adopted into the widget's shadow root with this chunk. Written to hold in both widgets'
// style sheets (ask-expert styles every label and input; the feed only its own).
const styles = css`
  .report-dialog {
    width: min(30em, calc(100vw - 2em));
    max-height: calc(100dvh - 2em);
    padding: calc(1.1 * var(--_space)) calc(1.25 * var(--_space));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 0.5em 2em rgb(0 0 0 / 0.3);
    overflow-wrap: anywhere;
  }
  .report-dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  .report-dialog h2 {
    margin: 0 0 calc(0.75 * var(--_space));
    font-size: 1.15em;
    line-height: 1.3;
  }
  .report-dialog p {
    margin: 0;
  }
  .report-dialog form {
    display: flex;
    flex-direction: column;
    gap: calc(0.35 * var(--_space));
  }
  .report-dialog fieldset {
    display: flex;
    flex-direction: column;
    gap: calc(0.15 * var(--_space));
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .report-dialog legend {
    padding: 0;
    margin-bottom: calc(0.35 * var(--_space));
    font-weight: 600;
  }
  .report-dialog label {
    margin: 0;
  }
  .report-dialog .choice {
    display: flex;
    align-items: center;
    gap: calc(0.55 * var(--_space));
    min-height: max(24px, 1.8em);
    font-weight: 400;
    cursor: pointer;
  }
  .report-dialog input {
    flex: none;
    width: 1.1em;
    height: 1.1em;
    margin: 0;
    padding: 0;
    accent-color: var(--_accent);
  }
  .report-dialog .note-label {
    margin-top: calc(0.5 * var(--_space));
    font-weight: 600;
  }
  .report-dialog .hint {
    color: var(--_muted);
    font-size: 0.87em;
  }
  .report-dialog textarea {
    width: 100%;
    min-height: 4.5em;
    resize: vertical;
    padding: calc(0.5 * var(--_space)) calc(0.65 * var(--_space));
    background: var(--_surface);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    line-height: 1.4;
  }
  .report-dialog textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .report-dialog .error {
    color: var(--_danger);
    font-size: 0.87em;
  }
  .report-dialog .error:empty {
    display: none;
  }
  .report-dialog .failed {
    padding: calc(0.5 * var(--_space)) calc(0.75 * var(--_space));
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
    color: var(--_danger);
  }
  .report-dialog .bar {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: calc(0.5 * var(--_space));
    margin-top: calc(0.6 * var(--_space));
  }
`;

/**
 * Reports a post, reply, question or answer to the moderators: a modal dialog with the reasons
 * (spam, harassment, confidential information, off topic, other with a note) and a note. Focus
 * moves into it; Escape or Cancel closes it (the part that opened it puts focus back on its
 * Report button). It says when the report was taken, or was made before (409); any other
 * failure is said in it, with what was chosen and written kept. It renders into the widget's
 * shadow root like the widget's other parts, and takes the session and language from context.
 *
 * Defined as `<hearth-report-dialog>` by runtime/report.ts. No `@tagname` here: the manifest
 * names each internal element after its widget (`hearth-<widget>-<part>`), and this one is
 * shared by two; it publishes no attributes either way.
 */
export class HearthReportDialog extends HearthPart {
  static override properties = {
    target: fromWidget,
    _reason: { state: true },
    _note: { state: true },
    _busy: { state: true },
    _errors: { state: true },
    _done: { state: true },
  };

  /** What is reported, and the dialog's title. */
  declare target: ReportTarget | null;
  declare _reason: ReportReason | null;
  declare _note: string;
  declare _busy: boolean;
  declare _errors: Errors;
  /** What the dialog says once the server answered. */
  declare _done: 'thanks' | 'already' | null;

  constructor() {
    super();
    this.target = null;
    this._reason = null;
    this._note = '';
    this._busy = false;
    this._errors = {};
    this._done = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), styles);
  }

  protected override firstUpdated(): void {
    const dialog = this.querySelector('dialog');
    if (!dialog) return;
    dialog.showModal();
    // The first reason, so the reasons are the first thing heard after the title.
    this.querySelector<HTMLElement>('input')?.focus();
  }

  /** Closes the dialog: its `close` event tells the part that opened it. */
  close(): void {
    this.querySelector('dialog')?.close();
  }

  readonly #closed = (): void => {
    this.dispatchEvent(new Event(CLOSE_EVENT));
  };

  #choose(reason: ReportReason): void {
    this._reason = reason;
    this._errors = { ...this._errors, reason: undefined, form: undefined };
  }

  #onNote(event: Event): void {
    this._note = (event.target as HTMLTextAreaElement).value;
    if (this._errors.note) this._errors = { ...this._errors, note: undefined };
  }

  async #send(event: Event): Promise<void> {
    event.preventDefault();
    const target = this.target;
    const reason = this._reason;
    if (this._busy || !target || !this.session) return;
    if (!reason) return this.#fail({ reason: (lang) => t(lang, 'chooseReason') });
    const note = this._note;
    if (reason === 'other' && !note.trim()) return this.#fail({ note: (lang) => t(lang, 'noteNeeded') });
    const body: CreateReportBody = { kind: target.kind, id: target.id, reason, ...(note.trim() ? { note } : {}) };
    this._busy = true;
    this._errors = {};
    try {
      await createReport(this.client, body);
      await this.#finish('thanks');
    } catch (error) {
      if (isAbort(error)) return;
      if (error instanceof HearthError && error.status === 409) return await this.#finish('already');
      // The server's word on the note (too long, only invisible characters), at the note.
      const noteIssue = error instanceof HearthError ? error.problem?.errors?.find((e) => e.path.endsWith('note')) : undefined;
      const errors: Errors = { form: (lang) => t(lang, 'failed', { reason: errorText(lang, error) }) };
      if (noteIssue) errors.note = () => noteIssue.message.charAt(0).toUpperCase() + noteIssue.message.slice(1);
      await this.#fail(errors);
    } finally {
      this._busy = false;
    }
  }

  async #finish(done: 'thanks' | 'already'): Promise<void> {
    this._done = done;
    await this.updateComplete;
    this.querySelector<HTMLElement>('.done-close')?.focus();
  }

  async #fail(errors: Errors): Promise<void> {
    this._errors = errors;
    await this.updateComplete;
    // To where a change is needed, where its message is read out with it.
    const field = errors.reason ? 'input' : errors.note ? 'textarea' : null;
    if (field) this.querySelector<HTMLElement>(field)?.focus();
  }

  protected override render() {
    const { locale, target } = this;
    if (!target) return nothing;
    // Keys stay in the dialog: the feed moves between posts on Page Up / Page Down.
    return html`<dialog class="report-dialog" aria-labelledby="report-title" @close=${this.#closed} @keydown=${stop}>
      <h2 id="report-title">${target.label}</h2>
      ${this._done
        ? html`<p role="status">${t(locale, this._done)}</p>
            <div class="bar">
              <button type="button" class="primary done-close" @click=${this.close}>${t(locale, 'close')}</button>
            </div>`
        : this.#renderForm()}
    </dialog>`;
  }

  #renderForm() {
    const { locale } = this;
    const e = this._errors;
    return html`<form novalidate @submit=${this.#send}>
      <fieldset aria-describedby="report-reason-error">
        <legend>${t(locale, 'why')}</legend>
        ${REASONS.map(
          (reason) => html`<label class="choice"
            ><input
              type="radio"
              name="report-reason"
              .value=${reason}
              .checked=${this._reason === reason}
              @change=${() => this.#choose(reason)}
            />${t(locale, reason)}</label
          >`,
        )}
      </fieldset>
      <p class="error" id="report-reason-error">${e.reason?.(locale) ?? ''}</p>
      <label class="note-label" for="report-note">${t(locale, 'note')}</label>
      <p class="hint" id="report-note-hint">${t(locale, 'noteHint')}</p>
      <textarea
        id="report-note"
        rows="3"
        maxlength=${NOTE_MAX}
        .value=${this._note}
        aria-describedby="report-note-hint report-note-error"
        aria-invalid=${e.note ? 'true' : 'false'}
        aria-required=${this._reason === 'other' ? 'true' : 'false'}
        @input=${this.#onNote}
      ></textarea>
      <p class="error" id="report-note-error">${e.note?.(locale) ?? ''}</p>
      <div role="alert">${e.form ? html`<p class="failed">${e.form(locale)}</p>` : nothing}</div>
      <div class="bar">
        <button type="button" class="quiet" @click=${this.close}>${t(locale, 'cancel')}</button>
        <button class="primary" aria-disabled=${this._busy ? 'true' : 'false'}>${t(locale, this._busy ? 'sending' : 'send')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hearth-report-dialog': HearthReportDialog;
  }
}
