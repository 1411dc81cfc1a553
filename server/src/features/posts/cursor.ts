import { badRequest } from '../../http/problem.ts';

/** A keyset position: the last row's (created_at, id). Opaque to clients. */
export interface Position {
  at: Date;
  id: number;
}

export function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.at.toISOString(), p.id])).toString('base64url');
}

/** Decodes a cursor; anything this server did not issue is a 400, never a 500. */
export function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [iso, id] = value as unknown[];
      const at = typeof iso === 'string' ? new Date(iso) : new Date(NaN);
      if (!Number.isNaN(at.getTime()) && Number.isInteger(id) && (id as number) > 0 && (id as number) < 2 ** 31) {
        return { at, id: id as number };
      }
    }
  } catch {
    // fall through
  }
  throw badRequest('query.cursor: not a cursor this API issued', [
    { path: 'query.cursor', message: 'not a cursor this API issued', code: 'invalid_cursor' },
  ]);
}
