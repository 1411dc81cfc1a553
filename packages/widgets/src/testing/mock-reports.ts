/**
 * The mock API's `POST /reports` (a plugin of testing/mock-api.ts), following the contract's
 * `CreateReportBody` and the server's rule: one report per person and piece of content (a second
 * is 409). Importing this file registers it with every MockApi. Reports are kept in
 * `mock.data.reports`; seed some with `new MockApi({ data: { reports: [...] } })` (an earlier
 * report by the signed-in person makes the next one a 409).
 */
import type { ContentKind, Report, ReportReason } from '@hearth/contracts';
import { type MockApi, addMockPlugin, json, problem } from './mock-api.ts';

/** A report as the mock keeps it: who made it, and what they said. */
export interface MockReport {
  kind: ContentKind;
  id: number;
  reason: ReportReason;
  note?: string;
  /** The reporter's person id. */
  reporter: number;
}

/** An earlier report by `reporter` (by default the sample signed-in person, Mira), to seed `data.reports`. */
export function makeReport(overrides: Partial<MockReport> = {}): MockReport {
  return { kind: 'post', id: 1, reason: 'spam', reporter: 1, ...overrides };
}

const KINDS: readonly string[] = ['post', 'question', 'answer'];
const REASONS: readonly string[] = ['spam', 'harassment', 'confidential', 'off_topic', 'other'];

/** The reports made on `mock` (seeded ones included), oldest first. */
export function mockReports(mock: MockApi): MockReport[] {
  const seeded = mock.data['reports'];
  if (!Array.isArray(seeded)) mock.data['reports'] = [];
  else if (!copied.has(mock)) {
    // Copied on first use: a story's parameters are shared by every render of the story.
    mock.data['reports'] = seeded.map((r: MockReport) => ({ ...r }));
  }
  copied.add(mock);
  return mock.data['reports'] as MockReport[];
}
const copied = new WeakSet<MockApi>();

function invalid(path: string, message: string, code = 'invalid'): Response {
  return problem(400, 'Your request is not valid', { detail: `${path}: ${message}`, errors: [{ path, message, code }] });
}

/** Something to read besides white space and invisible characters (zero-width spaces). */
const visible = (text: string) => /[^\s\u200b-\u200d\u2060\ufeff]/u.test(text);

addMockPlugin({
  routes: [['POST', /^\/reports$/, 'report']],
  answer(mock, _operation, { body, me }) {
    const input = (body ?? {}) as Record<string, unknown>;
    const { kind, id, reason, note } = input;
    const extra = Object.keys(input).find((key) => !['kind', 'id', 'reason', 'note'].includes(key));
    if (extra) return invalid(`body.${extra}`, 'not a field of a report', 'unrecognized_keys');
    if (typeof kind !== 'string' || !KINDS.includes(kind)) return invalid('body.kind', 'one of post, question, answer');
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) return invalid('body.id', 'a positive whole number');
    if (typeof reason !== 'string' || !REASONS.includes(reason)) {
      return invalid('body.reason', 'one of spam, harassment, confidential, off_topic, other');
    }
    if (note !== undefined && typeof note !== 'string') return invalid('body.note', 'a text');
    if (typeof note === 'string' && note.length > 500) return invalid('body.note', 'at most 500 characters', 'too_big');
    if (reason === 'other' && !(typeof note === 'string' && visible(note))) {
      return invalid('body.note', 'say what is wrong in a note when the reason is "other"', 'custom');
    }
    const reports = mockReports(mock);
    if (reports.some((r) => r.kind === kind && r.id === id && r.reporter === me.id)) {
      return problem(409, 'Conflict', { type: '/problems/already-reported', detail: `you have already reported this ${kind}` });
    }
    const report: MockReport = { kind: kind as ContentKind, id, reason: reason as ReportReason, reporter: me.id, ...(note === undefined ? {} : { note }) };
    reports.push(report);
    return json(201, {
      id: reports.length,
      kind: report.kind,
      targetId: id,
      reason: report.reason,
      createdAt: new Date().toISOString(),
    } satisfies Report);
  },
});
