import { z } from 'zod';
import { API_PREFIX, Problem, type Endpoint } from '@hearth/contracts';

/**
 * The OpenAPI 3.1 document, generated from the same endpoint list the server mounts. OpenAPI 3.1
 * uses JSON Schema 2020-12, which zod 4 emits natively.
 */
export function openApiDocument(endpoints: Record<string, Endpoint>) {
  const schema = (s: z.ZodType, io: 'input' | 'output') =>
    z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  const problem = { 'application/problem+json': { schema: schema(Problem, 'output') } };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, e] of Object.entries(endpoints)) {
    const path = API_PREFIX + e.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...objectParams(e.params, 'path', schema),
      ...objectParams(e.query, 'query', schema),
      ...Object.entries(e.headers ?? {}).map(([name, description]) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } })),
    ];
    paths[path] ??= {};
    paths[path][e.method] = {
      operationId,
      summary: e.summary,
      security: [{ bearer: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(e.body, 'input') } } } } : {}),
      responses: {
        [e.status]: e.response
          ? {
              description: e.stream ? 'A stream of server-sent events, each `data:` one of these' : 'OK',
              content: { [e.stream ? 'text/event-stream' : 'application/json']: { schema: schema(e.response, 'output') } },
            }
          : { description: 'No content' },
        400: { description: 'Invalid input', content: problem },
        401: { description: 'Missing, expired or invalid token', content: problem },
        404: { description: 'Missing, or not visible to you', content: problem },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Hearth API', version: '1.0.0', description: 'Social widgets for the intranet you already have.' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}

type ToSchema = (s: z.ZodType, io: 'input' | 'output') => Record<string, unknown>;

function objectParams(s: z.ZodType | undefined, where: 'path' | 'query', toSchema: ToSchema) {
  if (!s) return [];
  const json = toSchema(s, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property,
  }));
}
