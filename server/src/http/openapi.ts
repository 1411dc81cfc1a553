import { z } from 'zod';
import { API_PREFIX, IdempotencyKey, Problem, type Endpoint } from '@hearth/contracts';

/**
 * The OpenAPI 3.1 document, generated from the same endpoint list the server mounts. OpenAPI 3.1
 * uses JSON Schema 2020-12, which zod 4 emits natively.
 *
 * Every schema registered with `.meta({ id })` is emitted once, under `components.schemas`, and
 * referenced as `#/components/schemas/<id>`: zod puts them in a `$defs` of each converted schema,
 * which is only resolvable inside a schema with an `$id`, so they are lifted out and their refs
 * rewritten. A schema whose input (request) and output (response) forms differ gets two
 * components, `<id>` and `<id>Input`.
 *
 * Every status an operation can answer is documented, by rules on the endpoint (see `responses`).
 */
export function openApiDocument(endpoints: Record<string, Endpoint>) {
  const schemas = new SchemaCollector();
  const schema = (s: z.ZodType, io: IO) => schemas.add(s, io);
  schemas.add(Problem, 'output');

  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, e] of Object.entries(endpoints)) {
    const path = API_PREFIX + e.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...objectParams(e.params, 'path', schema),
      ...objectParams(e.query, 'query', schema),
      ...Object.entries(e.headers ?? {}).map(([name, description]) => ({
        name, in: 'header', required: false, description,
        schema: name.toLowerCase() === 'idempotency-key' ? schema(IdempotencyKey, 'input') : { type: 'string' },
      })),
    ];
    paths[path] ??= {};
    paths[path][e.method] = {
      operationId,
      summary: e.summary,
      security: [{ bearer: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(e.body, 'input') } } } } : {}),
      responses: responses(operationId, e, schema),
    };
  }
  const document = {
    openapi: '3.1.0',
    info: { title: 'Hearth API', version: '1.0.0', description: 'Social widgets for the intranet you already have.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {} as Record<string, unknown>,
      responses: PROBLEM_RESPONSES,
      headers: HEADERS,
    },
    paths,
  };
  document.components.schemas = schemas.finish(document);
  return document;
}

type IO = 'input' | 'output';
type ToSchema = (s: z.ZodType, io: IO) => Record<string, unknown>;
type Json = Record<string, unknown>;

const isWrite = (e: Endpoint) => e.method !== 'get';
const takesIdempotencyKey = (e: Endpoint) => Object.keys(e.headers ?? {}).some((h) => h.toLowerCase() === 'idempotency-key');
const hasInput = (e: Endpoint) => Boolean(e.params || e.query || e.body || Object.keys(e.headers ?? {}).length);

/**
 * The problem+json answers, each once in `components.responses`. Which ones an operation lists:
 * - 400 when it takes any input (path, query, body or header) to validate;
 * - 401 and 404 and 500 always (a token is always required; people, tags, communities and posts
 *   that are missing or not visible answer the same 404, and filters name them too);
 * - 403 for every write (own content, managers, admins, invitations) and the reads only managers
 *   or admins may make;
 * - 409 for every write (an archived community is read-only; a duplicate; the last manager
 *   leaving; a concurrent request with the same `Idempotency-Key`);
 * - 413 and 415 for every write, with a body or not (whatever a write sends is read as JSON: 64 kB
 *   at most, in UTF-8, not compressed);
 * - 422 when it takes an `Idempotency-Key` (the same key with another body);
 * - 429 always (per-person rate limits, on reads too: README, "Rate limits").
 */
const PROBLEM_RESPONSES = {
  BadRequest: problem('Invalid input: each bad field is named in `errors`'),
  Unauthorized: problem('Missing, expired or invalid token', { 'WWW-Authenticate': { $ref: '#/components/headers/WWW-Authenticate' } }),
  Forbidden: problem('You may see this, but not do this'),
  NotFound: problem('Missing, or not visible to you'),
  Conflict: problem('Conflicts with the current state (e.g. an archived, read-only community), or a request with the same `Idempotency-Key` is still in progress'),
  PayloadTooLarge: problem('The body is too large'),
  UnsupportedMediaType: problem('The body is in a charset or content encoding the server does not read (JSON in UTF-8, not compressed)'),
  UnprocessableContent: problem('This `Idempotency-Key` was already used with a different request'),
  TooManyRequests: problem('Too many requests: try again after `Retry-After` seconds', {
    'Retry-After': { $ref: '#/components/headers/Retry-After' },
    RateLimit: { $ref: '#/components/headers/RateLimit' },
    'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' },
  }),
  InternalError: problem('Something went wrong on our side (logged; nothing is leaked)'),
};

/** Reads that only managers or admins may make (a `403` otherwise). */
const RESTRICTED_READS = new Set(['inactiveCommunities', 'listJoinRequests', 'moderationQueue', 'listWatchKeywords', 'auditLog', 'auditCsv', 'adoption']);

/** A success's content: JSON, a text/event-stream of JSON events, or another media type (`produces`). */
function successContent(e: Endpoint, body: Json) {
  const type = e.stream ? 'text/event-stream' : e.produces ?? 'application/json';
  return { [type]: { schema: body } };
}

/** Every success of a rate-limited request says how much is left (draft-ietf-httpapi-ratelimit-headers). */
const SUCCESS_HEADERS = {
  RateLimit: { $ref: '#/components/headers/RateLimit' },
  'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' },
};

function responses(operationId: string, e: Endpoint, schema: ToSchema): Record<string, unknown> {
  const ok = e.response
    ? {
        description: e.stream ? 'A stream of server-sent events, each `data:` one of these'
          : e.produces ? `A ${e.produces} attachment` : e.status === 201 ? 'Created' : 'OK',
        headers: e.produces
          ? { ...SUCCESS_HEADERS, 'Content-Disposition': { $ref: '#/components/headers/Content-Disposition' } }
          : SUCCESS_HEADERS,
        content: successContent(e, schema(e.response, 'output')),
      }
    : { description: 'No content', headers: SUCCESS_HEADERS };
  const ref = (name: keyof typeof PROBLEM_RESPONSES) => ({ $ref: `#/components/responses/${name}` });
  const write = isWrite(e);
  return {
    [e.status]: ok,
    // A retried create with the same `Idempotency-Key` answers the first result, with 200.
    ...(takesIdempotencyKey(e) && e.status === 201 && e.response
      ? { 200: { description: 'Already created with this `Idempotency-Key`: the first result', content: ok.content } }
      : {}),
    ...(hasInput(e) ? { 400: ref('BadRequest') } : {}),
    401: ref('Unauthorized'),
    ...(write || RESTRICTED_READS.has(operationId) ? { 403: ref('Forbidden') } : {}),
    404: ref('NotFound'),
    ...(write ? { 409: ref('Conflict') } : {}),
    ...(e.body || write ? { 413: ref('PayloadTooLarge'), 415: ref('UnsupportedMediaType') } : {}),
    ...(takesIdempotencyKey(e) ? { 422: ref('UnprocessableContent') } : {}),
    429: ref('TooManyRequests'),
    500: ref('InternalError'),
  };
}

function problem(description: string, headers?: Record<string, unknown>) {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

const HEADERS = {
  'WWW-Authenticate': { description: 'The scheme that would work (RFC 6750), e.g. `Bearer error="invalid_token"`', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } },
  RateLimit: {
    description: 'What is left of each window of the request\'s kind and when it resets, e.g. `"post-10m";r=12;t=420` (draft-ietf-httpapi-ratelimit-headers-11)',
    schema: { type: 'string' },
  },
  'RateLimit-Policy': {
    description: 'The windows of the request\'s kind, e.g. `"post-10m";q=30;w=600, "post-3h";q=300;w=10800` (draft-ietf-httpapi-ratelimit-headers-11)',
    schema: { type: 'string' },
  },
  'Content-Disposition': { description: 'An attachment and its file name, e.g. `attachment; filename="hearth-audit-2026-05-01.csv"`', schema: { type: 'string' } },
};

/**
 * Converts zod schemas one at a time and collects the ones with an id. Refs are first written as
 * placeholders (`io` and id), because whether an input form needs its own `<id>Input` component
 * is only known once every schema has been seen; `finish` names them and rewrites the refs.
 */
class SchemaCollector {
  private readonly defs = new Map<string, { io: IO; id: string; json: string }>();

  add(s: z.ZodType, io: IO): Json {
    const converted = z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as Json;
    const { $defs, $schema: _dialect, ...body } = converted as Json & { $defs?: Record<string, Json> };
    const rootId = z.globalRegistry.get(s)?.id;
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (!value || typeof value !== 'object') return value;
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === '$ref' && typeof v === 'string') out[k] = this.placeholder(v, io, rootId);
        else out[k] = rewrite(v);
      }
      return out;
    };
    for (const [id, def] of Object.entries($defs ?? {})) this.keep(io, id, rewrite(def) as Json);
    const rewritten = rewrite(body) as Json;
    // zod 4.6 already lifts an identified root into `$defs`, leaving `{ $ref }`: older ones did not.
    if (!rootId || rewritten.$ref === placeholderOf(io, rootId)) return rewritten;
    this.keep(io, rootId, rewritten);
    return { $ref: placeholderOf(io, rootId) };
  }

  private placeholder(ref: string, io: IO, rootId: string | undefined): string {
    if (ref === '#' && rootId) return placeholderOf(io, rootId);
    const match = /^#\/\$defs\/(.+)$/.exec(ref);
    if (!match) throw new Error(`OpenAPI: cannot place the JSON Schema ref "${ref}"`);
    return placeholderOf(io, decodeURIComponent(match[1]!.replace(/~1/g, '/').replace(/~0/g, '~')));
  }

  private keep(io: IO, id: string, schema: Json) {
    const json = JSON.stringify(schema);
    const key = placeholderOf(io, id);
    const known = this.defs.get(key);
    if (known && known.json !== json) throw new Error(`OpenAPI: two different schemas share the id "${id}"`);
    this.defs.set(key, { io, id, json });
  }

  /** Names every collected schema, rewrites the placeholders in `document`, returns `components.schemas`. */
  finish(document: unknown): Record<string, unknown> {
    const names = new Map<string, string>();
    const out: Record<string, unknown> = {};
    for (const [key, def] of this.defs) {
      const output = this.defs.get(placeholderOf('output', def.id));
      const name = def.io === 'input' && output && output.json !== def.json ? `${def.id}Input` : def.id;
      names.set(key, name);
      out[name] = JSON.parse(def.json);
    }
    const resolve = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(resolve);
      if (!value || typeof value !== 'object') return;
      const object = value as Json;
      if (typeof object.$ref === 'string' && object.$ref.startsWith(PLACEHOLDER)) {
        const name = names.get(object.$ref);
        if (!name) throw new Error(`OpenAPI: no schema for ${object.$ref}`);
        object.$ref = `#/components/schemas/${name}`;
      }
      Object.values(object).forEach(resolve);
    };
    resolve(document);
    resolve(out);
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  }
}

const PLACEHOLDER = 'zod-schema:';
const placeholderOf = (io: IO, id: string) => `${PLACEHOLDER}${io}:${id}`;

function objectParams(s: z.ZodType | undefined, where: 'path' | 'query', toSchema: ToSchema) {
  if (!s) return [];
  const json = toSchema(s, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property,
  }));
}
