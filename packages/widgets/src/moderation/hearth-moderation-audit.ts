import { css, html, nothing, type PropertyValues } from 'lit';
import type { AuditAction, AuditEntry, AuditPage } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { dots } from '../runtime/dots.ts';
import { HearthError } from '../runtime/errors.ts';
import { HearthPart } from '../runtime/hearth-part.ts';
import { defineStrings, formatDate, formatRelative } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { errorText } from '../runtime/strings.ts';
import { auditCsv, auditLog } from './api.ts';
import { MorePages } from './paging.ts';
import { skeleton, type Message } from './parts.ts';
import { moderationPack, t as tm } from './strings.ts';

/** The audit trail's words, in its chunk (their translations are in the widget's language packs). */
export const auditStrings = defineStrings(moderationPack, 'audit', {
  filter: 'Action',
  all: 'All actions',
  content_hide: 'Hid content',
  content_restore: 'Restored content',
  report_dismiss: 'Dismissed reports',
  keyword_add: 'Added to the watch list',
  keyword_remove: 'Removed from the watch list',
  community_archive: 'Archived a community',
  community_unarchive: 'Unarchived a community',
  community_visibility: 'Changed a community’s visibility',
  community_create: 'Created a community',
  tag_merge: 'Merged tags',
  role_change: 'Changed a role',
  system: 'Sign-in or system',
  why: 'Why:',
  listLabel: 'Actions, newest first',
  empty: 'Nothing recorded yet.',
  emptyFiltered: 'No actions of this kind yet.',
  loadFailed: 'The audit trail could not be loaded.',
  download: 'Download CSV',
  downloading: 'Preparing the file…',
  downloadFailed: 'The file could not be downloaded.',
  downloaded: 'The audit trail was saved as {file}.',
});

const { t } = auditStrings;
type Key = Parameters<typeof t>[1];

const ACTIONS: readonly AuditAction[] = [
  'content.hide', 'content.restore', 'report.dismiss', 'keyword.add', 'keyword.remove', 'community.archive',
  'community.unarchive', 'community.visibility', 'community.create', 'tag.merge', 'role.change',
];
/** `content.hide` → the `content_hide` string. */
const actionKey = (action: AuditAction) => action.replace('.', '_') as Key;

const styles = css`
  .audit-bar {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.5 * var(--_space)) var(--_space);
    align-items: center;
    justify-content: space-between;
  }
  .audit-bar label {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
    font-weight: 600;
  }
  select {
    max-width: 100%;
    padding: calc(0.3 * var(--_space)) calc(0.5 * var(--_space));
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
    font-weight: 400;
  }
  .audit {
    display: flex;
    flex-direction: column;
    list-style: none;
  }
  .entry {
    display: flex;
    flex-direction: column;
    gap: calc(0.2 * var(--_space));
    padding: calc(0.6 * var(--_space)) 0;
    border-top: 1px solid var(--_border);
    overflow-wrap: anywhere;
  }
  .entry:first-child {
    border-top: 0;
    padding-top: 0;
  }
  .entry:last-child {
    padding-bottom: 0;
  }
  .entry code {
    padding: 0 0.35em;
    border-radius: 0.3em;
    background: var(--_subtle);
  }
  .entry .actor {
    font-weight: 600;
  }
  .why .label {
    font-weight: 600;
  }
`;

/**
 * The audit trail, for admins: every moderator and admin action with who, what, when and why,
 * newest first, filtered by action, a page at a time; "Download CSV" saves it as a file (all of
 * it, or the action chosen), fetched with the session's token, so the token never goes into a URL.
 */
export class HearthModerationAudit extends HearthPart {
  static override properties = {
    _action: { state: true },
    _downloading: { state: true },
    _downloadError: { state: true },
    _said: { state: true },
  };

  declare _action: AuditAction | '';
  declare _downloading: boolean;
  /** Said in the language of each render, so it follows a language switch. */
  declare _downloadError: Message | null;
  declare _said: string;

  #page = new Loader<AuditPage>(this);
  #more = new MorePages<AuditEntry>(this, this.#page, (e) => e.id);

  constructor() {
    super();
    this._action = '';
    this._downloading = false;
    this._downloadError = null;
    this._said = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), styles);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.scopeChanged(changed, ['_action'])) void this.reload();
  }

  override reload(): Promise<void> {
    const { client } = this;
    const action = this._action || undefined;
    this.#more.reset();
    return this.#page.run((signal) => auditLog(client, { action }, signal));
  }

  readonly #loadMore = () => void this.#more.load((cursor) => auditLog(this.client, { action: this._action || undefined, cursor }));

  /** Fetches the CSV with the session's token and hands it to the browser as a file. */
  async #download(): Promise<void> {
    if (this._downloading) return;
    this._downloading = true;
    this._downloadError = null;
    this._said = '';
    try {
      const response = await auditCsv(this.client, this._action || undefined);
      const blob = await response.blob();
      const file = fileName(response.headers.get('content-disposition')) ?? `hearth-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file;
      link.click();
      // The download has the file by then; the URL would otherwise hold it for the page's life.
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
      this._said = t(this.locale, 'downloaded', { file });
    } catch (error) {
      const failure = error instanceof HearthError ? error : HearthError.network();
      this._downloadError = (locale) => `${t(locale, 'downloadFailed')} ${errorText(locale, failure)}`;
    } finally {
      this._downloading = false;
    }
  }

  protected override render() {
    const locale = this.locale;
    return html`<div class="audit-bar">
        <label>
          ${t(locale, 'filter')}
          <select part="filter" @change=${(e: Event) => (this._action = (e.target as HTMLSelectElement).value as AuditAction | '')}>
            <option value="" ?selected=${this._action === ''}>${t(locale, 'all')}</option>
            ${ACTIONS.map((a) => html`<option value=${a} ?selected=${this._action === a}>${t(locale, actionKey(a))}</option>`)}
          </select>
        </label>
        <button type="button" part="download" aria-disabled=${this._downloading ? 'true' : 'false'} @click=${() => this.#download()}>
          ${t(locale, this._downloading ? 'downloading' : 'download')}
        </button>
      </div>
      ${this._downloadError ? html`<p class="message" role="alert">${this._downloadError(this.locale)}</p>` : nothing} ${this.#renderList()}
      <p class="vh" role="status">${this._said}</p>`;
  }

  #renderList() {
    const locale = this.locale;
    const failed = failureBox(locale, this.#page, { failed: t(locale, 'loadFailed'), signedOut: tm(locale, 'signedOut') }, this.retry);
    if (failed) return failed;
    const page = this.#page.value;
    if (!page) return skeleton(tm(locale, 'loading'));
    if (page.items.length === 0) return stateBox(t(locale, this._action ? 'emptyFiltered' : 'empty'));
    return html`<ol class="audit box" part="audit" role="list" aria-label=${t(locale, 'listLabel')}>
        ${page.items.map((entry) => this.#renderEntry(entry))}
      </ol>
      ${this.#more.render(locale, this.#loadMore)}`;
  }

  #renderEntry(entry: AuditEntry) {
    const locale = this.locale;
    const details = describe(entry.details);
    return html`<li class="entry" part="entry">
      <p>
        <span class="actor">${entry.actor?.name ?? t(locale, 'system')}</span>
        ${t(locale, actionKey(entry.action))}
        <code>${entry.target.kind} ${entry.target.id}</code>
      </p>
      <p class="meta dots">
        ${dots([
          entry.community?.name,
          html`<time datetime=${entry.at} title=${formatDate(locale, entry.at)}>${formatRelative(locale, entry.at)}</time>`,
          details,
        ])}
      </p>
      ${entry.reason ? html`<p class="why"><span class="label">${t(locale, 'why')}</span> <q dir="auto">${entry.reason}</q></p>` : nothing}
    </li>`;
  }
}

/** `{ from: 'open', to: 'restricted' }` → "open → restricted"; other details as `name: value`. */
function describe(details: Record<string, unknown>): string {
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  const { from, to, ...rest } = details;
  const parts = from !== undefined || to !== undefined ? [`${text(from ?? '–')} → ${text(to ?? '–')}`] : [];
  for (const [name, value] of Object.entries(rest)) parts.push(`${name}: ${text(value)}`);
  return parts.join(', ');
}

/** The name a `Content-Disposition: attachment; filename="…"` gives, if any. */
function fileName(disposition: string | null): string | null {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!).trim() || null;
  } catch {
    return match[1]!.trim() || null;
  }
}
