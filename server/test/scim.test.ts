import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../src/config.ts';
import { signInIdentity } from '../src/features/scim/service.ts';
import { TEST_SECRET, isProblem, people, startApp, type Person, type TestApp } from './helpers.ts';

// Request bodies below are the shapes Microsoft documents for the Entra ID provisioning service
// ("Develop and plan provisioning for a SCIM endpoint"), plus Okta's path-less PATCH.
const SCIM_TOKEN = 'scim-test-token-that-is-at-least-32-characters';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

const { carol } = people; // an admin: reads the audit trail
let app: TestApp;
before(async () => {
  app = await startApp({ SCIM_TOKEN, AUTH_ADMIN_GROUPS: 'Hearth Admins' });
});
after(() => app.close());

interface ScimReply {
  status: number;
  type: string;
  body: any;
}

async function scim(method: string, path: string, body?: unknown, token: string | null = SCIM_TOKEN): Promise<ScimReply> {
  const headers: Record<string, string> = { 'content-type': 'application/scim+json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${app.url}/scim/v2${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}

/** A SCIM error (RFC 7644 §3.12) with this status and scimType. */
function isScimError(reply: ScimReply, status: number, scimType?: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.match(reply.type, /^application\/scim\+json/);
  assert.deepEqual(reply.body.schemas, [ERROR]);
  assert.equal(reply.body.status, String(status), 'status is a string');
  if (scimType) assert.equal(reply.body.scimType, scimType);
  assert.ok(reply.body.detail, 'says why');
}

let serial = 0;
/** Entra ID's "Create User" request, for a fresh person. */
function entraUser(given = 'Jo', family = 'Doe') {
  const n = `${Date.now().toString(36)}${serial++}`;
  return {
    schemas: [USER, ENTERPRISE],
    externalId: `0a21f0f2-8d2a-4f8e-bf98-${n.padStart(12, '0').slice(-12)}`,
    userName: `Test_User_${n}@testuser.com`,
    active: true,
    emails: [{ primary: true, type: 'work', value: `Test_User_${n}@testuser.com` }],
    meta: { resourceType: 'User' },
    name: { formatted: `${given} ${family}`, familyName: family, givenName: given },
    roles: [],
  };
}

async function createUser(body = entraUser()) {
  const created = await scim('POST', '/Users', body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body as { id: string; externalId: string; userName: string };
}

/** The person as their sign-in token names them: `sub` is the SCIM externalId. */
const signIn = (user: { externalId: string }, name = 'Jo Doe', handle = 'jo'): Person => ({ sub: user.externalId, handle, name });

const rolesOf = async (id: string) => (await app.db.query<{ roles: string[] }>('SELECT roles FROM people WHERE id = $1', [Number(id)]))[0]!.roles;

describe('SCIM provisioning', () => {
  test('the SCIM token is a setting of at least 32 characters; without it there is no endpoint', async () => {
    assert.throws(() => loadConfig({ SCIM_TOKEN: 'short' }), (e: Error) => e instanceof ConfigError && /SCIM_TOKEN: must be at least 32 characters/.test(e.message));
    assert.equal(loadConfig({ SCIM_TOKEN }).scim.token, SCIM_TOKEN);
    const off = await startApp();
    try {
      const res = await fetch(`${off.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${SCIM_TOKEN}` } });
      assert.equal(res.status, 404);
    } finally {
      await off.close();
    }
  });

  test('a SCIM externalId is the identity the person signs in with, as the configured sign-in stores it', () => {
    const signed = loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: TEST_SECRET });
    assert.equal(signInIdentity('0a21f0f2', signed), '0a21f0f2', "the portal token's sub");
    const idp = loadConfig({ AUTH_MODE: 'signed', AUTH_JWT_SECRET: TEST_SECRET, OIDC_ISSUER: 'https://login.example.com/t/v2.0', OIDC_API_AUDIENCE: 'api://hearth' });
    assert.equal(signInIdentity('0a21f0f2', idp), 'oidc:0a21f0f2', "the IdP token's oid, as auth/idp.ts stores it");
    const proxy = loadConfig({ AUTH_MODE: 'proxy', AUTH_PROXY_ADDRESSES: '10.0.0.5', SERVE_DEMO: 'false' });
    assert.equal(signInIdentity('0a21f0f2', proxy), 'proxy:0a21f0f2', "the proxy's user, as auth/proxy.ts stores it");
  });

  test('a wrong or missing token is a 401 in the SCIM error schema', async () => {
    isScimError(await scim('GET', '/Users', undefined, 'x'.repeat(48)), 401);
    isScimError(await scim('GET', '/Users', undefined, `${SCIM_TOKEN}x`), 401);
    isScimError(await scim('POST', '/Users', entraUser(), null), 401);
    const counted = await scim('GET', '/Users?count=0');
    isScimError(await scim('POST', '/Users', entraUser(), SCIM_TOKEN.slice(0, -1)), 401);
    assert.equal((await scim('GET', '/Users?count=0')).body.totalResults, counted.body.totalResults, 'nothing created');
  });

  test('create, get, and find a user by userName and externalId (ListResponse)', async () => {
    const body = entraUser('Ann', 'Lee');
    body[ENTERPRISE as 'meta'] = { department: 'Finance' } as never;
    const created = await scim('POST', '/Users', { ...body, title: 'Controller' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.type, /^application\/scim\+json/);
    const user = created.body;
    assert.match(user.id, /^\d+$/);
    assert.equal(user.userName, body.userName);
    assert.equal(user.externalId, body.externalId);
    assert.equal(user.active, true);
    assert.equal(user.name.formatted, 'Ann Lee');
    assert.equal(user.emails[0].value, body.emails[0]!.value);
    assert.equal(user.title, 'Controller');
    assert.equal(user[ENTERPRISE].department, 'Finance');
    assert.equal(user.meta.resourceType, 'User');
    assert.ok(user.meta.location.endsWith(`/scim/v2/Users/${user.id}`));

    const got = await scim('GET', `/Users/${user.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, user);

    for (const filter of [`userName eq "${body.userName}"`, `userName eq "${body.userName.toUpperCase()}"`, `externalId eq "${body.externalId}"`]) {
      const found = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
      assert.equal(found.status, 200, filter);
      assert.deepEqual(found.body.schemas, [LIST]);
      assert.equal(found.body.totalResults, 1, filter);
      assert.equal(found.body.startIndex, 1);
      assert.equal(found.body.itemsPerPage, 1);
      assert.equal(found.body.Resources[0].id, user.id);
    }
    const none = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "non-existent user"')}`);
    assert.equal(none.status, 200);
    assert.equal(none.body.totalResults, 0);
    assert.deepEqual(none.body.Resources, []);
    isScimError(await scim('GET', '/Users/999999'), 404);
  });

  test('a filter other than userName / externalId eq is 400 invalidFilter', async () => {
    for (const filter of ['userName co "Test"', 'emails[type eq "work"].value eq "a@b.c"', 'userName eq "a" or userName eq "b"', 'title eq "x"', 'userName eq']) {
      isScimError(await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`), 400, 'invalidFilter');
    }
    isScimError(await scim('GET', `/Groups?filter=${encodeURIComponent('members eq "1"')}`), 400, 'invalidFilter');
    isScimError(await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "a"')}&filter=x`), 400, 'invalidFilter');
  });

  test('a duplicate userName is 409 uniqueness, whatever its case, and creates nothing', async () => {
    const body = entraUser();
    await createUser(body);
    const count = (await scim('GET', '/Users?count=0')).body.totalResults;
    isScimError(await scim('POST', '/Users', { ...entraUser(), userName: body.userName.toUpperCase() }), 409, 'uniqueness');
    isScimError(await scim('POST', '/Users', { ...entraUser(), externalId: body.externalId }), 409, 'uniqueness');
    assert.equal((await scim('GET', '/Users?count=0')).body.totalResults, count);
  });

  test('bad bodies are 400 in the SCIM error schema, and create nothing', async () => {
    const count = (await scim('GET', '/Users?count=0')).body.totalResults;
    const { userName: _, ...noUserName } = entraUser();
    isScimError(await scim('POST', '/Users', noUserName), 400, 'invalidValue');
    isScimError(await scim('POST', '/Users', { ...entraUser(), active: 'maybe' }), 400, 'invalidValue');
    isScimError(await scim('POST', '/Users', '{"userName": '), 400, 'invalidSyntax');
    isScimError(await scim('POST', '/Users', '[1]'), 400, 'invalidSyntax');
    assert.equal((await scim('GET', '/Users?count=0')).body.totalResults, count);
    const user = await createUser();
    isScimError(await scim('PATCH', `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'Merge', path: 'title', value: 'x' }] }), 400, 'invalidSyntax');
    isScimError(await scim('PATCH', `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'Nope' }] }), 400, 'invalidValue');
    isScimError(await scim('PATCH', `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'Remove', path: 'userName' }] }), 400, 'mutability');
    assert.equal((await scim('GET', `/Users/${user.id}`)).body.active, true, 'a refused PATCH changes nothing');
  });

  test('PATCH with Entra ID\'s shapes: multi-valued and enterprise paths, path-less values', async () => {
    const user = await createUser(entraUser('Max', 'Mustermann'));
    const patched = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Research' },
        { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0100' },
        { op: 'Add', value: { title: 'Engineer', 'name.givenName': 'Maxi' } },
      ],
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.emails[0].value, 'updatedEmail@microsoft.com');
    assert.equal(patched.body.name.familyName, 'updatedFamilyName');
    assert.equal(patched.body.name.givenName, 'Maxi');
    assert.equal(patched.body.name.formatted, 'Maxi updatedFamilyName');
    assert.equal(patched.body[ENTERPRISE].department, 'Research');
    assert.equal(patched.body.title, 'Engineer');
    const removed = await scim('PATCH', `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'Remove', path: 'title' }] });
    assert.equal(removed.body.title, undefined);
  });

  test('active=false ("False", as Entra sends it): the person\'s API calls are 401 "deactivated", their posts stay with their name; active=true lets them back', async () => {
    const user = await createUser(entraUser('Dee', 'Active'));
    const person = signIn(user, 'Dee Active', 'dee');
    const post = await app.call('POST', '/api/v1/posts', { as: person, body: { body: 'Before I leave: the runbook is in the wiki' } });
    assert.equal(post.status, 201, JSON.stringify(post.body));
    assert.equal(post.body.author.id, Number(user.id), 'the SCIM user is the person who signs in with sub = externalId');
    const question = await app.call('POST', '/api/v1/questions', { as: people.alice, body: { title: 'Where is the release runbook kept?' } });
    assert.equal(question.status, 201, JSON.stringify(question.body));
    const answered = await app.call('POST', `/api/v1/questions/${question.body.id}/answers`, { as: person, body: { body: 'In the wiki, under Releases' } });
    assert.equal(answered.status, 201, JSON.stringify(answered.body));

    const off = await scim('PATCH', `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(off.body.active, false);
    const refused = isProblem(await app.call('GET', '/api/v1/me', { as: person }), 401);
    assert.match(refused.detail ?? '', /deactivated/);
    assert.equal(refused.type, '/problems/account-deactivated');
    isProblem(await app.call('POST', '/api/v1/posts', { as: person, body: { body: 'still here?' } }), 401);

    const shown = await app.call('GET', `/api/v1/posts/${post.body.id}`);
    assert.equal(shown.status, 200);
    assert.equal(shown.body.author.name, 'Dee Active');
    const feed = await app.call('GET', `/api/v1/posts?author=${post.body.author.handle}`);
    assert.deepEqual(feed.body.items.map((p: { id: number }) => p.id), [post.body.id]);
    const withAnswer = await app.call('GET', `/api/v1/questions/${question.body.id}`);
    assert.deepEqual(withAnswer.body.answers.map((a: { id: number; author: { name: string } }) => [a.id, a.author.name]), [[answered.body.id, 'Dee Active']]);

    const on = await scim('PATCH', `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', value: { active: true } }] });
    assert.equal(on.body.active, true);
    assert.equal((await app.call('GET', '/api/v1/me', { as: person })).status, 200);
  });

  test('PUT replaces the user; DELETE deactivates (404 for SCIM from then on) and keeps what they wrote', async () => {
    const body = entraUser('Pat', 'Old');
    const user = await createUser(body);
    const put = await scim('PUT', `/Users/${user.id}`, { ...body, name: { givenName: 'Pat', familyName: 'New' }, emails: [], title: 'Lead' });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.name.formatted, 'Pat New');
    assert.equal(put.body.title, 'Lead');
    assert.equal(put.body.emails[0].value, body.userName, 'the UPN stands in for a missing e-mail');
    isScimError(await scim('PUT', '/Users/999999', body), 404);

    const person = signIn(user, 'Pat New', 'pat');
    const post = await app.call('POST', '/api/v1/posts', { as: person, body: { body: 'Handing over' } });
    assert.equal(post.status, 201);
    const deleted = await scim('DELETE', `/Users/${user.id}`);
    assert.equal(deleted.status, 204);
    isScimError(await scim('GET', `/Users/${user.id}`), 404);
    assert.equal((await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${body.userName}"`)}`)).body.totalResults, 0);
    assert.match(isProblem(await app.call('GET', '/api/v1/me', { as: person }), 401).detail ?? '', /deactivated/);
    const shown = await app.call('GET', `/api/v1/posts/${post.body.id}`);
    assert.equal(shown.status, 200);
    assert.equal(shown.body.author.name, 'Pat New');
  });

  test('group membership gives roles: added to an AUTH_ADMIN_GROUPS group makes an admin (audited), removed takes it back', async () => {
    const user = await createUser(entraUser('Gus', 'Group'));
    const created = await scim('POST', '/Groups', {
      schemas: [GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'Hearth Admins',
      meta: { resourceType: 'Group' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const group = created.body;
    assert.equal(group.displayName, 'Hearth Admins');
    assert.deepEqual(group.members, []);
    isScimError(await scim('POST', '/Groups', { schemas: [GROUP], displayName: 'hearth admins' }), 409, 'uniqueness');

    const found = await scim('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Hearth Admins"')}`);
    assert.equal(found.body.totalResults, 1);
    assert.equal(found.body.Resources[0].id, group.id);
    assert.equal(found.body.Resources[0].members, undefined);

    assert.deepEqual(await rolesOf(user.id), ['employee']);
    const added = await scim('PATCH', `/Groups/${group.id}`, {
      schemas: [PATCH], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: user.id }] }],
    });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual(added.body.members.map((m: { value: string }) => m.value), [user.id]);
    assert.deepEqual(await rolesOf(user.id), ['employee', 'admin']);
    const audit = await app.call('GET', '/api/v1/audit?action=role.change&limit=1', { as: carol });
    assert.equal(audit.status, 200);
    assert.deepEqual(audit.body.items[0].target, { kind: 'person', id: user.id });
    assert.equal(audit.body.items[0].actor, null);
    assert.deepEqual(audit.body.items[0].details, { from: ['employee'], to: ['employee', 'admin'] });
    // The directory keeps a provisioned person's roles: a sign-in whose token says only employee keeps admin.
    const gus = { ...signIn(user, 'G. Group', 'gus'), roles: ['employee'] };
    const me = await app.call('GET', '/api/v1/me', { as: gus });
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.deepEqual(me.body.roles, ['employee', 'admin']);
    assert.equal(me.body.name, 'Gus Group', 'the name is the directory\'s too');

    isScimError(await scim('PATCH', `/Groups/${group.id}`, {
      schemas: [PATCH], Operations: [{ op: 'Add', path: 'members', value: [{ value: '999999' }] }],
    }), 400, 'invalidValue');

    const removed = await scim('PATCH', `/Groups/${group.id}`, {
      schemas: [PATCH], Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: user.id }] }],
    });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body.members, []);
    assert.deepEqual(await rolesOf(user.id), ['employee']);
    assert.deepEqual((await app.call('GET', '/api/v1/me', { as: gus })).body.roles, ['employee'], 'at once, though the viewer was remembered');
    const back = await app.call('GET', '/api/v1/audit?action=role.change&limit=1', { as: carol });
    assert.deepEqual(back.body.items[0].details, { from: ['employee', 'admin'], to: ['employee'] });

    // The RFC's remove-by-filter, a rename away from the admin group's name, PUT and DELETE.
    await scim('PATCH', `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'Add', path: 'members', value: [{ value: user.id }] }] });
    assert.deepEqual(await rolesOf(user.id), ['employee', 'admin']);
    await scim('PATCH', `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'Remove', path: `members[value eq "${user.id}"]` }] });
    assert.deepEqual(await rolesOf(user.id), ['employee']);
    const put = await scim('PUT', `/Groups/${group.id}`, { schemas: [GROUP], displayName: 'Hearth Admins', members: [{ value: user.id }] });
    assert.equal(put.status, 200);
    assert.deepEqual(await rolesOf(user.id), ['employee', 'admin']);
    const renamed = await scim('PATCH', `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'displayName', value: 'Former Admins' }] });
    assert.equal(renamed.body.displayName, 'Former Admins');
    assert.deepEqual(await rolesOf(user.id), ['employee']);
    await scim('PATCH', `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', value: { id: group.id, displayName: 'Hearth Admins' } }] });
    assert.deepEqual(await rolesOf(user.id), ['employee', 'admin']);
    assert.equal((await scim('DELETE', `/Groups/${group.id}`)).status, 204);
    assert.deepEqual(await rolesOf(user.id), ['employee']);
    isScimError(await scim('GET', `/Groups/${group.id}`), 404);
  });

  test('ServiceProviderConfig, ResourceTypes and Schemas describe what is supported', async () => {
    const config = await scim('GET', '/ServiceProviderConfig');
    assert.equal(config.status, 200);
    assert.match(config.type, /^application\/scim\+json/);
    assert.equal(config.body.patch.supported, true);
    assert.equal(config.body.bulk.supported, false);
    assert.equal(config.body.filter.supported, true);
    const types = await scim('GET', '/ResourceTypes');
    assert.deepEqual(types.body.Resources.map((t: { id: string }) => t.id), ['User', 'Group']);
    const schemas = await scim('GET', '/Schemas');
    assert.deepEqual(schemas.body.Resources.map((s: { id: string }) => s.id), [USER, ENTERPRISE, GROUP]);
    isScimError(await scim('GET', '/Bulk'), 404);
  });
});
