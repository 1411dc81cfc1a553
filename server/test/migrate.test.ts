import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate } from '../src/db/migrate.ts';
import { testDatabase } from './helpers.ts';

test('migrations apply once, in order, and a second run applies nothing', async () => {
  const db = await testDatabase();
  try {
    const first = await migrate(db);
    assert.ok(first.applied.length >= 1);
    assert.deepEqual(first.applied, [...first.applied].sort());
    assert.deepEqual((await migrate(db)).applied, []);
    const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    assert.equal(rows.length, first.applied.length);
  } finally {
    await db.drop();
  }
});
