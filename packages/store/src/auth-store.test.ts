import type { Host } from '@workestra/booking-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthStore, HostInvite } from './auth-store.js';
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

  describe('invites', () => {
    const DAY = 86_400_000;
    const invite = (
      ada: Host,
      suffix: string,
      overrides: Partial<HostInvite> = {},
    ): HostInvite => ({
      id: `inv-${suffix}-${ada.id}`,
      workspaceId: ada.workspaceId,
      email: `${suffix}-${ada.id}@example.com`,
      tokenHash: `hash-${suffix}-${ada.id}`,
      invitedBy: ada.id,
      createdAt: T0,
      expiresAt: T0 + 7 * DAY,
      usedAt: null,
      ...overrides,
    });

    it('lists the pending invites of a workspace, newest first, and finds one by token hash with the names', async () => {
      const ada = await host();
      const older = invite(ada, 'a');
      const newer = invite(ada, 'b', { createdAt: T0 + 1 });
      const short = invite(ada, 'c', { createdAt: T0 - 1, expiresAt: T0 + DAY });
      for (const i of [older, newer, short]) await auth.createInvite(i);
      const other = await host();
      await auth.createInvite(invite(other, 'a'));

      expect(await auth.listPendingInvites(ada.workspaceId, T0)).toEqual([newer, older, short]);
      // Expired invites are no longer pending.
      expect(await auth.listPendingInvites(ada.workspaceId, T0 + DAY)).toEqual([newer, older]);
      expect(await auth.findPendingInvite(older.tokenHash, T0)).toEqual({
        ...older,
        workspaceName: null,
        invitedByName: ada.name,
      });
      expect(await auth.findPendingInvite(short.tokenHash, T0 + DAY)).toBeNull();
      expect(await auth.findPendingInvite('unknown', T0)).toBeNull();
    });

    it('marks an invite used exactly once, even when two accept at the same time', async () => {
      const ada = await host();
      const pending = invite(ada, 'once');
      await auth.createInvite(pending);
      const results = await Promise.all([
        auth.markInviteUsed(pending.id, T0 + 1),
        auth.markInviteUsed(pending.id, T0 + 1),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await auth.markInviteUsed(pending.id, T0 + 2)).toBe(false);
      expect(await auth.findPendingInvite(pending.tokenHash, T0 + 2)).toBeNull();
      expect(await auth.listPendingInvites(ada.workspaceId, T0 + 2)).toEqual([]);

      const expired = invite(ada, 'expired', { expiresAt: T0 + 10 });
      await auth.createInvite(expired);
      expect(await auth.markInviteUsed(expired.id, T0 + 10)).toBe(false);
    });

    it("deletes only its own workspace's unused invites", async () => {
      const ada = await host();
      const other = await host();
      const pending = invite(ada, 'del');
      const used = invite(ada, 'used');
      await auth.createInvite(pending);
      await auth.createInvite(used);
      await auth.markInviteUsed(used.id, T0 + 1);

      expect(await auth.deleteInvite(other.workspaceId, pending.id)).toBe(false);
      expect(await auth.findPendingInvite(pending.tokenHash, T0)).not.toBeNull();
      expect(await auth.deleteInvite(ada.workspaceId, used.id)).toBe(false);
      expect(await auth.deleteInvite(ada.workspaceId, pending.id)).toBe(true);
      expect(await auth.findPendingInvite(pending.tokenHash, T0)).toBeNull();
      expect(await auth.deleteInvite(ada.workspaceId, pending.id)).toBe(false);
    });

    it('refuses a second invite with the same token hash', async () => {
      const ada = await host();
      await auth.createInvite(invite(ada, 'dup'));
      await expect(
        auth.createInvite(invite(ada, 'dup', { id: `inv-dup2-${ada.id}` })),
      ).rejects.toThrow();
    });
  });
});
