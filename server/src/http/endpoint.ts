import { createHash } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { IdempotencyKey, type Endpoint } from '@hearth/contracts';
import { badRequest, fromZod, HttpError } from './problem.ts';
import type { IdempotentRequest, Outcome } from '../features/idempotency/repo.ts';
import { viewerOf, type Viewer } from '../auth/viewer.ts';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type Result<E extends Endpoint> = E['response'] extends z.ZodType ? z.input<E['response']> : void;

export interface Call<E extends Endpoint> {
  params: Parsed<E['params']>;
  query: Parsed<E['query']>;
  body: Parsed<E['body']>;
  viewer: Viewer;
  req: Request;
  /** Overrides the endpoint's success status (e.g. 200 for a replayed idempotent create). */
  status(code: number): void;
}

/**
 * Registers `endpoint` on `router`: params, query and body are validated with the contract's
 * schemas (a 400 problem naming each bad input) and the handler's result is parsed with the
 * response schema, so nothing outside the contract ever leaves the server.
 */
export function mount<E extends Endpoint>(router: Router, endpoint: E, handler: (call: Call<E>) => Promise<Result<E>>) {
  if (endpoint.stream) throw new Error(`${endpoint.path} is a stream: mount it by hand`);
  if (endpoint.produces) throw new Error(`${endpoint.path} answers ${endpoint.produces}, not JSON: mount it by hand`);
  router[endpoint.method](endpoint.path, async (req: Request, res: Response) => {
    const params = parseInput(endpoint.params, req.params, 'params');
    const query = parseInput(endpoint.query, req.query, 'query');
    const body = parseInput(endpoint.body, req.body ?? undefined, 'body');
    let status = endpoint.status;
    const result = await handler({
      params, query, body, req,
      viewer: viewerOf(res),
      status: (code) => { status = code; },
    } as Call<E>);
    if (endpoint.response === null) {
      res.status(status).end();
      return;
    }
    res.status(status).json(endpoint.response.parse(result));
  });
}

/** Validates one input with its contract schema: a 400 naming each bad field otherwise. For routes mounted by hand too. */
export function parseInput<S extends z.ZodType | undefined>(schema: S, value: unknown, where: 'params' | 'query' | 'body'): Parsed<S> {
  if (!schema) return undefined as Parsed<S>;
  // PostgreSQL text cannot hold a NUL character: refused here for every input, so no field whose
  // schema forgot it reaches the database as a 500 (the fuzz found several).
  const nul = nulPath(value, [where]);
  if (nul) throw badRequest(`${nul}: must not contain a NUL character`, [{ path: nul, message: 'must not contain a NUL character', code: 'nul_character' }]);
  const result = schema.safeParse(value);
  if (!result.success) throw fromZod(where, result.error);
  return result.data as Parsed<S>;
}

/**
 * Where in `value` a string (or an object key) holds a NUL character, as `where.a.0.b`; null if
 * none. Walked with a stack of its own, not recursion: a body of 10,000 nested arrays must not
 * overflow the call stack (its schema refuses it next).
 */
function nulPath(value: unknown, root: string[]): string | null {
  const pending: [unknown, string[]][] = [[value, root]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, path] = next;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return path.join('.');
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key.includes('\u0000')) return [...path, key].join('.');
        pending.push([child, [...path, key]]);
      }
    }
  }
  return null;
}

/** The `Idempotency-Key` header of a create, validated; undefined when not sent. */
export function idempotencyKey(req: Request): string | undefined {
  const header = req.get('idempotency-key');
  if (header === undefined) return undefined;
  const parsed = IdempotencyKey.safeParse(header);
  if (!parsed.success) throw fromZod('header.Idempotency-Key', parsed.error);
  return parsed.data;
}

/**
 * A create's `Idempotency-Key` with what it is scoped to (the route) and the request's
 * fingerprint: a hash of the method, the route, the path parameters and the body as validated,
 * with object keys sorted (so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request).
 */
export function idempotency<E extends Endpoint>(endpoint: E, call: Pick<Call<E>, 'req' | 'params' | 'body'>): IdempotentRequest | undefined {
  const key = idempotencyKey(call.req);
  if (key === undefined) return undefined;
  const route = `${endpoint.method.toUpperCase()} ${endpoint.path}`;
  const fingerprint = createHash('sha256')
    .update(canonicalJson([route, call.params ?? null, call.body ?? null]))
    .digest('base64url');
  return { key, route, fingerprint };
}

/**
 * The answer to a create with a key (IETF Idempotency-Key draft): 201 when created, 200 with the
 * stored result when replayed, 422 when the key was used for another request, 409 while the first
 * request with the key is still in flight.
 */
export function answerOnce<T>(outcome: Outcome<T>, status: (code: number) => void): T {
  switch (outcome.kind) {
    case 'created':
      return outcome.value;
    case 'replayed':
      status(200);
      return outcome.value;
    case 'mismatch':
      throw new HttpError(422, 'idempotency-key-reused', 'Idempotency-Key reused',
        'this Idempotency-Key was already used for another request (another body or path): use a new key for a new request');
    case 'in-flight':
      throw new HttpError(409, 'idempotency-in-flight', 'Request in progress',
        'a request with this Idempotency-Key is still being processed: retry in a moment', undefined, { 'Retry-After': '1' });
  }
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v);
}
