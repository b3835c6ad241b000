import type { Host } from '@workestra/booking-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthStore } from './auth-store.js';
import { StoreError } from './errors.js';
import type { StoreHandle } from './store-handle.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';
import { makeHost, T0 } from './test-support/fixtures.js';

describe.each(DIALECTS)('AuthStore on %s', (dialect) => {
  let db: TestDatabase;
  let handle: StoreHandle;
  let auth: AuthStore;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    handle = await db.open();
    auth = handle.auth;
  });
  afterAll(async () => db.drop());

  async function host(): Promise<Host> {
    const h = makeHost();
    await handle.store.transaction((tx) => tx.insertHost(h));
    return h;
  }

  it('stores credentials once per email and finds them with the workspace', async () => {
    const ada = await host();
    const email = `${ada.id}@example.com`;
    await auth.createCredentials({
      hostId: ada.id,
      email,
      passwordHash: 'scrypt$1',
      createdAt: T0,
      updatedAt: T0,
    });
    expect(await auth.findCredentialsByEmail(email)).toEqual({
      hostId: ada.id,
      workspaceId: ada.workspaceId,
      email,
      passwordHash: 'scrypt$1',
      createdAt: T0,
      updatedAt: T0,
    });
    expect(await auth.findCredentialsByEmail(`nobody-${email}`)).toBeNull();

    const other = await host();
    const error = await auth
      .createCredentials({
        hostId: other.id,
        email,
        passwordHash: 'x',
        createdAt: T0,
        updatedAt: T0,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'EMAIL_TAKEN' });

    expect(await auth.updatePasswordHash(ada.id, 'scrypt$2', T0 + 1)).toBe(true);
    expect(await auth.findCredentialsByEmail(email)).toMatchObject({
      passwordHash: 'scrypt$2',
      updatedAt: T0 + 1,
    });
    expect(await auth.updatePasswordHash(other.id, 'x', T0)).toBe(false);
  });

  it('finds sessions until they expire, deletes them one by one or when expired', async () => {
    const ada = await host();
    const session = { idHash: `s-${ada.id}`, hostId: ada.id, createdAt: T0, expiresAt: T0 + 1000 };
    await auth.createSession(session);
    await auth.createSession({ ...session, idHash: `t-${ada.id}` });
    expect(await auth.findSession(session.idHash, T0 + 999)).toEqual({
      ...session,
      workspaceId: ada.workspaceId,
    });
    expect(await auth.findSession(session.idHash, T0 + 1000)).toBeNull();
    await auth.deleteSession(session.idHash);
    expect(await auth.findSession(session.idHash, T0)).toBeNull();
    expect(await auth.deleteExpiredSessions(T0 + 1000)).toBeGreaterThanOrEqual(1);
    expect(await auth.findSession(`t-${ada.id}`, T0)).toBeNull();
  });
});
