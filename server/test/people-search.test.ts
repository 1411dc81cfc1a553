import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { people, startApp, type TestApp } from './helpers.ts';

/** GET /people?q=: what `@` suggests in a composer and whom a manager can invite. */
describe('people search', () => {
  let app: TestApp;
  before(async () => {
    app = await startApp({ RATE_LIMITS: 'off' });
    await app.db.query(`INSERT INTO people (external_id, handle, name, roles, active) VALUES
      ('test:sam', 'sam.okafor', 'Sam Okafor', '{employee}', true),
      ('test:samira', 'samira', 'Samira Haddad', '{employee}', true),
      ('test:gone', 'sam.gone', 'Sam Departed', '{employee}', false),
      ('test:pct', 'percy', 'Percy 100% Sure', '{employee}', true)`);
  });
  after(() => app.close());

  const search = (q: string, extra = '') => app.call('GET', `/api/v1/people?q=${encodeURIComponent(q)}${extra}`, { as: people.alice });

  test('by the start of the handle, the name or a word of the name, active people only, any case', async () => {
    const res = await search('SAM');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items.map((p: { handle: string }) => p.handle), ['sam.okafor', 'samira']);
    assert.deepEqual(Object.keys(res.body.items[0]).sort(), ['department', 'handle', 'id', 'name', 'title']);
    assert.deepEqual((await search('okaf')).body.items.map((p: { handle: string }) => p.handle), ['sam.okafor'], 'a word of the name');
    assert.deepEqual((await search('departed')).body.items, [], 'a deactivated person is not suggested');
  });

  test('the exact handle comes first; LIKE wildcards are plain characters', async () => {
    assert.equal((await search('samira')).body.items[0].handle, 'samira');
    assert.deepEqual((await search('%')).body.items, []);
    assert.deepEqual((await search('_')).body.items, []);
    assert.deepEqual((await search('100%')).body.items.map((p: { handle: string }) => p.handle), ['percy']);
  });

  test('bad input: 400 problem+json', async () => {
    for (const query of ['', '?q=', '?q=%20%20', `?q=${'x'.repeat(101)}`, '?q=sam&limit=0', '?q=sam&other=1']) {
      const res = await app.call('GET', `/api/v1/people${query}`, { as: people.alice });
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    }
    assert.equal((await app.call('GET', '/api/v1/people?q=sam', { as: null })).status, 401);
  });
});
