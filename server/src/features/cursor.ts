import { z } from 'zod';
import { InvalidError } from './errors.ts';

/** An opaque cursor: base64url JSON of a small tuple. Only this server reads it. */
export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Decodes a cursor with `shape`; anything this server did not issue is invalid input, never a crash. */
export function decodeCursor<T>(cursor: string, shape: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = shape.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InvalidError('query.cursor: not a cursor this API issued', [
    { path: 'query.cursor', message: 'not a cursor this API issued', code: 'invalid_cursor' },
  ]);
}

const RowId = z.number().int().positive().max(2_147_483_647);

/** (created_at, id): the keyset of every time-ordered list. */
export const TimeKey = z.tuple([z.iso.datetime({ offset: true }), RowId]).transform(([at, id]) => ({ at: new Date(at), id }));
export type TimeKey = z.output<typeof TimeKey>;

export const timeCursor = (p: TimeKey) => encodeCursor([p.at.toISOString(), p.id]);
