import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { IdempotencyKey, type Endpoint } from '@hearth/contracts';
import { fromZod } from './problem.ts';
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
  router[endpoint.method](endpoint.path, async (req: Request, res: Response) => {
    const params = parse(endpoint.params, req.params, 'params');
    const query = parse(endpoint.query, req.query, 'query');
    const body = parse(endpoint.body, req.body ?? undefined, 'body');
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

function parse(schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'body') {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw fromZod(where, result.error);
  return result.data;
}

/** The `Idempotency-Key` header of a create, validated; undefined when not sent. */
export function idempotencyKey(req: Request): string | undefined {
  const header = req.get('idempotency-key');
  if (header === undefined) return undefined;
  const parsed = IdempotencyKey.safeParse(header);
  if (!parsed.success) throw fromZod('header.Idempotency-Key', parsed.error);
  return parsed.data;
}
