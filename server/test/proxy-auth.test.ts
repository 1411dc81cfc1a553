import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { ConfigError, loadConfig } from '../src/config.ts';
import { parseProxyAddress, proxyMatcher, type ProxyAddress } from '../src/auth/proxy.ts';
import { isProblem, people, startApp, type Reply, type TestApp } from './helpers.ts';

/**
 * A request sent from `from` (a loopback address of this machine: all of 127.0.0.0/8 is, so the
 * server sees that address as the TCP peer). `headers` are sent as given, in Latin-1 as HTTP
 * carries them; an array sends the header once per value.
 */
function send(app: TestApp, path: string, headers: Record<string, string | string[]>, from = '127.0.0.1', method = 'GET'): Promise<Reply> {
  const { hostname, port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers, localAddress: from }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const type = res.headers['content-type'] ?? '';
        resolve({ status: res.statusCode!, type, headers: new Headers(), body: text && type.includes('json') ? JSON.parse(text) : text });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** What oauth2-proxy passes upstream with --pass-user-headers, UTF-8 bytes as it sends them. */
const asProxy = (fields: Record<string, string | string[]>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v.map(latin1) : latin1(v)]));
const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

const dana = {
  'x-forwarded-user': '00u1abcd2EFGH3ijk4x7',
  'x-forwarded-email': 'dana.olsen@corp.example',
  'x-forwarded-preferred-username': 'Dana Ølsen',
  'x-forwarded-groups': 'Everyone, Hearth Admins',
};

async function countPeople(app: TestApp, externalId: string): Promise<number> {
  const [row] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE external_id = $1', [externalId]);
  return row!.n;
}

describe('AUTH_MODE=proxy: identity from a trusted sign-in proxy', () => {
  let app: TestApp;
  before(async () => {
    app = await startApp({
      AUTH_MODE: 'proxy',
      // Only 127.0.0.1 is the proxy; 127.0.0.2 is another machine on the network.
      AUTH_PROXY_ADDRESSES: '127.0.0.1/32, fd00::/8',
      AUTH_ADMIN_GROUPS: 'hearth admins',
      // Even with Express told to believe X-Forwarded-For, the proxy check reads the TCP peer.
      TRUST_PROXY: 'true',
    });
  });
  after(() => app.close());

  test('from the proxy, its headers sign the person in: created with a namespaced id, groups give roles', async () => {
    const me = await send(app, '/api/v1/me', asProxy(dana));
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.name, 'Dana Ølsen');
    assert.equal(me.body.email, 'dana.olsen@corp.example');
    assert.equal(me.body.handle, 'dana.olsen');
    assert.deepEqual([...me.body.roles].sort(), ['admin', 'employee']);
    assert.equal(await countPeople(app, 'proxy:00u1abcd2EFGH3ijk4x7'), 1);
    // The same person again, no longer in the admins' group: updated, not created twice.
    const again = await send(app, '/api/v1/me', asProxy({ ...dana, 'x-forwarded-groups': 'Everyone' }));
    assert.equal(again.status, 200);
    assert.equal(again.body.id, me.body.id);
    assert.deepEqual(again.body.roles, ['employee']);
    assert.equal(await countPeople(app, 'proxy:00u1abcd2EFGH3ijk4x7'), 1);
    // And they can use the API like anyone signed in.
    const post = await send(app, '/api/v1/posts?community=general', asProxy(dana));
    assert.equal(post.status, 200);
  });

  test('without a name header the name comes from the e-mail, then from the user id', async () => {
    const me = await send(app, '/api/v1/me', { 'x-forwarded-user': 'kim-01', 'x-forwarded-email': 'kim.lee@corp.example' });
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.name, 'kim.lee');
    assert.deepEqual(me.body.roles, ['employee']);
  });

  test('from any other address: 401, whatever the headers say, and nobody is created', async () => {
    const reply = await send(app, '/api/v1/me', asProxy({ ...dana, 'x-forwarded-user': 'intruder-1' }), '127.0.0.2');
    assert.match(isProblem(reply, 401).detail!, /only through its sign-in proxy/);
    assert.equal(await countPeople(app, 'proxy:intruder-1'), 0);
  });

  test('a spoofed X-Forwarded-For naming the proxy does not help another sender', async () => {
    const headers = asProxy({ ...dana, 'x-forwarded-user': 'intruder-2', 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' });
    isProblem(await send(app, '/api/v1/me', headers, '127.0.0.2'), 401);
    assert.equal(await countPeople(app, 'proxy:intruder-2'), 0);
  });

  test('a bearer token is no way in: the proxy is the only sign-in', async () => {
    const token = await app.token(people.carol);
    isProblem(await send(app, '/api/v1/me', { authorization: `Bearer ${token}` }, '127.0.0.2'), 401);
    const fromProxy = await send(app, '/api/v1/me', { authorization: `Bearer ${token}` });
    assert.match(isProblem(fromProxy, 401).detail!, /x-forwarded-user/);
  });

  test('missing or bad headers from the proxy: 401 saying which, nothing created', async () => {
    const { 'x-forwarded-user': _, ...withoutUser } = dana;
    assert.match(isProblem(await send(app, '/api/v1/me', asProxy(withoutUser)), 401).detail!, /no x-forwarded-user header/);
    assert.match(isProblem(await send(app, '/api/v1/me', asProxy({ ...dana, 'x-forwarded-user': '   ' })), 401).detail!, /no x-forwarded-user/);
    const bad: [Record<string, string | string[]>, RegExp, string][] = [
      [{ 'x-forwarded-user': 'u'.repeat(191) }, /x-forwarded-user header is longer than 190/, 'u'.repeat(191)],
      [{ 'x-forwarded-user': 'eve\tadmin' }, /x-forwarded-user header holds control characters/, 'eve\tadmin'],
      [{ 'x-forwarded-user': 'eve\u0085' }, /control characters/, 'eve\u0085'],
      // A client's own copy that the proxy appended to instead of replacing.
      [{ 'x-forwarded-user': ['eve', 'dana'] }, /x-forwarded-user header came more than once/, 'eve'],
      [{ 'x-forwarded-user': 'eve-3', 'x-forwarded-email': 'not an address' }, /x-forwarded-email header is not valid/, 'eve-3'],
      [{ 'x-forwarded-user': 'eve-4', 'x-forwarded-preferred-username': 'n'.repeat(201) }, /x-forwarded-preferred-username header is longer/, 'eve-4'],
      [{ 'x-forwarded-user': 'eve-5', 'x-forwarded-groups': `${'g'.repeat(257)},Everyone` }, /a group in the x-forwarded-groups header/, 'eve-5'],
    ];
    for (const [headers, detail, user] of bad) {
      assert.match(isProblem(await send(app, '/api/v1/me', asProxy(headers)), 401).detail!, detail, JSON.stringify(headers));
      assert.equal(await countPeople(app, `proxy:${user}`), 0);
    }
  });

  test('the event stream needs no token either, and is not ended by a token expiry', async () => {
    const { hostname, port } = new URL(app.url);
    const { status, first } = await new Promise<{ status: number; first: string }>((resolve, reject) => {
      const req = request({ host: hostname, port, path: '/api/v1/events', headers: asProxy(dana), localAddress: '127.0.0.1' }, (res) => {
        res.setEncoding('utf8');
        res.once('data', (chunk: string) => {
          resolve({ status: res.statusCode!, first: chunk });
          res.destroy();
        });
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 200);
    // `ready` names no expiry: the proxy asks again on the next connection, not on a clock.
    assert.match(first, /event: ready\ndata: \{\}\n\n/);
  });
});

describe('AUTH_MODE=proxy: settings', () => {
  const base = { AUTH_MODE: 'proxy', AUTH_PROXY_ADDRESSES: '10.0.0.5' };

  test('proxy mode without proxy addresses stops start-up naming AUTH_PROXY_ADDRESSES', () => {
    assert.throws(() => loadConfig({ AUTH_MODE: 'proxy' }), (e: Error) => e instanceof ConfigError && /AUTH_PROXY_ADDRESSES: AUTH_MODE=proxy needs/.test(e.message));
    assert.throws(() => loadConfig({ AUTH_MODE: 'proxy', AUTH_PROXY_ADDRESSES: ' , ' }), /AUTH_PROXY_ADDRESSES: must list at least one/);
  });

  test('a bad address or subnet stops start-up naming AUTH_PROXY_ADDRESSES and the entry', () => {
    for (const bad of ['10.0.0.0/33', 'ten.0.0.1', '10.0.0.256', '10.0.0.0/8/8', '10.0.0.0/x', 'fd00::/129', 'gg::1', '10.0.0.0/-1']) {
      assert.throws(
        () => loadConfig({ ...base, AUTH_PROXY_ADDRESSES: `10.0.0.5, ${bad}` }),
        (e: Error) => e instanceof ConfigError && e.message.includes('AUTH_PROXY_ADDRESSES: ') && e.message.includes(`"${bad}"`),
        bad,
      );
    }
  });

  test('a header setting that is not a header name stops start-up naming it', () => {
    assert.throws(() => loadConfig({ ...base, AUTH_PROXY_USER_HEADER: 'X User' }), /AUTH_PROXY_USER_HEADER: must be an HTTP header name/);
    assert.throws(() => loadConfig({ ...base, AUTH_PROXY_GROUPS_HEADER: 'X-Groups:' }), /AUTH_PROXY_GROUPS_HEADER: must be an HTTP header name/);
  });

  test("oauth2-proxy's header names by default; others settable, compared in lower case", () => {
    const proxy = loadConfig({ ...base, AUTH_PROXY_ADDRESSES: '10.0.0.0/24, [::1], fd00::/8' }).auth.proxy;
    assert.deepEqual(proxy.headers, {
      user: 'x-forwarded-user', name: 'x-forwarded-preferred-username', email: 'x-forwarded-email', groups: 'x-forwarded-groups',
    });
    assert.deepEqual(proxy.addresses.map((a) => `${a.address}/${a.prefix}`), ['10.0.0.0/24', '::1/128', 'fd00::/8']);
    const azure = loadConfig({ ...base, AUTH_PROXY_USER_HEADER: 'X-MS-CLIENT-PRINCIPAL-ID', AUTH_PROXY_NAME_HEADER: 'X-MS-CLIENT-PRINCIPAL-NAME' }).auth.proxy;
    assert.equal(azure.headers.user, 'x-ms-client-principal-id');
    assert.equal(azure.headers.name, 'x-ms-client-principal-name');
  });

  test('addresses match IPv4 and IPv6 subnets, IPv4-mapped IPv6 peers too, and nothing else', () => {
    const entries = ['10.1.0.0/16', '192.0.2.7', 'fd00::/8', '2001:db8::1'].map((e) => parseProxyAddress(e) as ProxyAddress);
    const trusted = proxyMatcher(entries);
    for (const peer of ['10.1.2.3', '::ffff:10.1.200.4', '192.0.2.7', 'fd12:3456::1', '2001:db8::1']) assert.equal(trusted(peer), true, peer);
    for (const peer of ['10.2.0.1', '192.0.2.8', '::ffff:192.0.2.8', 'fe80::1', '2001:db8::2', '::1', '127.0.0.1', '', undefined, 'proxy.local']) {
      assert.equal(trusted(peer), false, String(peer));
    }
  });
});
