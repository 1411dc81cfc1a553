import express, { Router, type Request } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { NotFoundError } from '../errors.ts';
import { scimBearer, scimErrors, sendScim, sendScimError } from './http.ts';
import { GroupBody, PatchBody, SCHEMA, UserBody, scimInvalid } from './schema.ts';
import type { ListQuery, ScimGroupRow, ScimMemberRow, ScimService, ScimUserRow } from './service.ts';

const MAX_COUNT = 200;

/**
 * SCIM 2.0 (RFC 7644) at /scim/v2, for the identity provider only: its own bearer secret, its own
 * JSON parser (`application/scim+json`), its own error schema. Outside /api/v1 and its limits.
 */
export function scimRoutes(scim: ScimService, options: { token: string; logger: Logger }): Router {
  const router = Router();
  router.use(scimBearer(options.token));
  router.use(express.json({ type: ['application/scim+json', 'application/json'], limit: '1mb' }));

  router.get('/ServiceProviderConfig', (req, res) => sendScim(res, 200, serviceProviderConfig(urlOf(req))));
  router.get('/ResourceTypes', (req, res) => sendScim(res, 200, list(RESOURCE_TYPES(urlOf(req)), RESOURCE_TYPES(urlOf(req)).length, 1)));
  router.get('/Schemas', (_req, res) => sendScim(res, 200, list(SCHEMAS, SCHEMAS.length, 1)));

  router.get('/Users', async (req, res) => {
    const q = listQuery(req);
    const { total, rows } = await scim.users(q);
    sendScim(res, 200, list(rows.map((r) => toUser(r, urlOf(req))), total, q.startIndex));
  });
  router.post('/Users', async (req, res) => {
    const row = await scim.createUser(parse(UserBody, req.body));
    res.location(`${urlOf(req)}/Users/${row.id}`);
    sendScim(res, 201, toUser(row, urlOf(req)));
  });
  router.get('/Users/:id', async (req, res) => {
    sendScim(res, 200, toUser(await scim.user(idOf(req, 'user')), urlOf(req)));
  });
  router.put('/Users/:id', async (req, res) => {
    const id = idOf(req, 'user');
    sendScim(res, 200, toUser(await scim.replaceUser(id, parse(UserBody, req.body)), urlOf(req)));
  });
  router.patch('/Users/:id', async (req, res) => {
    const id = idOf(req, 'user');
    sendScim(res, 200, toUser(await scim.patchUser(id, parse(PatchBody, req.body).Operations), urlOf(req)));
  });
  router.delete('/Users/:id', async (req, res) => {
    await scim.deleteUser(idOf(req, 'user'));
    res.status(204).end();
  });

  router.get('/Groups', async (req, res) => {
    const q = listQuery(req);
    const { total, rows } = await scim.groups(q);
    const members = !excludesMembers(req);
    sendScim(res, 200, list(rows.map((g) => toGroup(g.group, members ? g.members : undefined, urlOf(req))), total, q.startIndex));
  });
  router.post('/Groups', async (req, res) => {
    const { group, members } = await scim.createGroup(parse(GroupBody, req.body));
    res.location(`${urlOf(req)}/Groups/${group.id}`);
    sendScim(res, 201, toGroup(group, members, urlOf(req)));
  });
  router.get('/Groups/:id', async (req, res) => {
    const { group, members } = await scim.getGroup(idOf(req, 'group'));
    sendScim(res, 200, toGroup(group, excludesMembers(req) ? undefined : members, urlOf(req)));
  });
  router.put('/Groups/:id', async (req, res) => {
    const id = idOf(req, 'group');
    const { group, members } = await scim.replaceGroup(id, parse(GroupBody, req.body));
    sendScim(res, 200, toGroup(group, members, urlOf(req)));
  });
  router.patch('/Groups/:id', async (req, res) => {
    const id = idOf(req, 'group');
    const { group, members } = await scim.patchGroup(id, parse(PatchBody, req.body).Operations);
    sendScim(res, 200, toGroup(group, members, urlOf(req)));
  });
  router.delete('/Groups/:id', async (req, res) => {
    await scim.deleteGroup(idOf(req, 'group'));
    res.status(204).end();
  });

  router.use((req, res) => sendScimError(res, 404, `${req.method} ${req.baseUrl}${req.path} is not a SCIM endpoint of this server`));
  router.use(scimErrors(options.logger));
  return router;
}

function urlOf(req: Request) {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
}

function idOf(req: Request, what: 'user' | 'group'): number {
  const id = String(req.params.id);
  if (!/^[1-9]\d{0,8}$/.test(id)) throw new NotFoundError(`${what} ${id}`);
  return Number(id);
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw scimInvalid('invalidSyntax', 'the body must be a JSON object (Content-Type: application/scim+json)');
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw scimInvalid('invalidValue', `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

/** startIndex (1-based) and count as RFC 7644 §3.4.2.4 reads them: out-of-range values are clamped. */
function listQuery(req: Request): ListQuery {
  const int = (name: string) => {
    const raw = req.query[name];
    return typeof raw === 'string' && /^-?\d{1,9}$/.test(raw) ? Number(raw) : undefined;
  };
  const filter = req.query.filter;
  // Two filters (?filter=a&filter=b) are not one of the forms understood: refused, not ignored.
  if (filter !== undefined && typeof filter !== 'string') throw scimInvalid('invalidFilter', 'send one filter');
  return {
    filter: typeof filter === 'string' ? filter : undefined,
    startIndex: Math.max(1, int('startIndex') ?? 1),
    count: Math.min(MAX_COUNT, Math.max(0, int('count') ?? 100)),
  };
}

function excludesMembers(req: Request) {
  const excluded = req.query.excludedAttributes;
  return typeof excluded === 'string' && excluded.split(',').some((a) => a.trim().toLowerCase() === 'members');
}

function list(resources: unknown[], total: number, startIndex: number) {
  return { schemas: [SCHEMA.list], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

function toUser(row: ScimUserRow, base: string) {
  return {
    schemas: [SCHEMA.user, SCHEMA.enterprise],
    id: String(row.id),
    ...(row.scim_external_id ? { externalId: row.scim_external_id } : {}),
    userName: row.scim_user_name,
    name: {
      formatted: row.name,
      ...(row.given_name ? { givenName: row.given_name } : {}),
      ...(row.family_name ? { familyName: row.family_name } : {}),
    },
    displayName: row.name,
    ...(row.email ? { emails: [{ value: row.email, type: 'work', primary: true }] } : {}),
    ...(row.title ? { title: row.title } : {}),
    active: row.active,
    ...(row.department ? { [SCHEMA.enterprise]: { department: row.department } } : {}),
    meta: {
      resourceType: 'User',
      created: new Date(row.created_at).toISOString(),
      lastModified: new Date(row.updated_at ?? row.created_at).toISOString(),
      location: `${base}/Users/${row.id}`,
    },
  };
}

function toGroup(group: ScimGroupRow, members: ScimMemberRow[] | undefined, base: string) {
  return {
    schemas: [SCHEMA.group],
    id: String(group.id),
    ...(group.external_id ? { externalId: group.external_id } : {}),
    displayName: group.display_name,
    ...(members ? { members: members.map((m) => ({ value: String(m.person_id), display: m.name, $ref: `${base}/Users/${m.person_id}` })) } : {}),
    meta: {
      resourceType: 'Group',
      created: new Date(group.created_at).toISOString(),
      lastModified: new Date(group.updated_at).toISOString(),
      location: `${base}/Groups/${group.id}`,
    },
  };
}

function serviceProviderConfig(base: string) {
  return {
    schemas: [SCHEMA.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: 'oauthbearertoken', name: 'Bearer token', description: 'The SCIM_TOKEN secret as Authorization: Bearer <token>', primary: true },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

const RESOURCE_TYPES = (base: string) => [
  {
    schemas: [SCHEMA.resourceType], id: 'User', name: 'User', endpoint: '/Users', schema: SCHEMA.user,
    schemaExtensions: [{ schema: SCHEMA.enterprise, required: false }],
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
  },
  {
    schemas: [SCHEMA.resourceType], id: 'Group', name: 'Group', endpoint: '/Groups', schema: SCHEMA.group,
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
  },
];

const attribute = (name: string, extra: Record<string, unknown> = {}) => ({
  name, type: 'string', multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', ...extra,
});

/** The attributes Hearth keeps; others are accepted and ignored. */
const SCHEMAS = [
  {
    schemas: [SCHEMA.schema], id: SCHEMA.user, name: 'User',
    attributes: [
      attribute('userName', { required: true, uniqueness: 'server' }),
      attribute('externalId', { caseExact: true }),
      attribute('name', { type: 'complex', subAttributes: [attribute('formatted'), attribute('givenName'), attribute('familyName')] }),
      attribute('displayName'),
      attribute('emails', { type: 'complex', multiValued: true, subAttributes: [attribute('value'), attribute('type'), attribute('primary', { type: 'boolean' })] }),
      attribute('title'),
      attribute('active', { type: 'boolean' }),
    ],
  },
  { schemas: [SCHEMA.schema], id: SCHEMA.enterprise, name: 'EnterpriseUser', attributes: [attribute('department')] },
  {
    schemas: [SCHEMA.schema], id: SCHEMA.group, name: 'Group',
    attributes: [
      attribute('displayName', { required: true, uniqueness: 'server' }),
      attribute('externalId', { caseExact: true }),
      attribute('members', { type: 'complex', multiValued: true, subAttributes: [attribute('value', { mutability: 'immutable' }), attribute('display', { mutability: 'readOnly' })] }),
    ],
  },
];
