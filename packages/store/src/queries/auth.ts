import { and, desc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { AuthStore } from '../auth-store.js';
import { mapConstraintError } from '../constraint-errors.js';
import type { Dialect } from './dialect.js';

/** `AuthStore` over either dialect. */
export function authStore({ db, tables }: Dialect): AuthStore {
  const { hostCredentials, hostInvites, hosts, sessions, workspaces } = tables;
  const inviteColumns = {
    id: hostInvites.id,
    workspaceId: hostInvites.workspaceId,
    email: hostInvites.email,
    tokenHash: hostInvites.tokenHash,
    invitedBy: hostInvites.invitedBy,
    createdAt: hostInvites.createdAt,
    expiresAt: hostInvites.expiresAt,
    usedAt: hostInvites.usedAt,
  };
  const pending = (now: number) => and(isNull(hostInvites.usedAt), gt(hostInvites.expiresAt, now));
  return {
    async createCredentials(c) {
      try {
        await db.insert(hostCredentials).values({
          hostId: c.hostId,
          email: c.email,
          passwordHash: c.passwordHash,
          createdAt: c.createdAt,
          updatedAt: c.updatedAt,
        });
      } catch (error) {
        throw mapConstraintError(error);
      }
    },
    async findCredentialsByEmail(email) {
      const [row] = await db
        .select({
          hostId: hostCredentials.hostId,
          email: hostCredentials.email,
          passwordHash: hostCredentials.passwordHash,
          createdAt: hostCredentials.createdAt,
          updatedAt: hostCredentials.updatedAt,
          workspaceId: hosts.workspaceId,
        })
        .from(hostCredentials)
        .innerJoin(hosts, eq(hosts.id, hostCredentials.hostId))
        .where(eq(hostCredentials.email, email));
      return row ?? null;
    },
    async updatePasswordHash(hostId, passwordHash, now) {
      const changed = await db
        .update(hostCredentials)
        .set({ passwordHash, updatedAt: now })
        .where(eq(hostCredentials.hostId, hostId))
        .returning({ hostId: hostCredentials.hostId });
      return changed.length > 0;
    },

    async createSession(s) {
      await db.insert(sessions).values({
        idHash: s.idHash,
        hostId: s.hostId,
        createdAt: s.createdAt,
        expiresAt: s.expiresAt,
      });
    },
    async findSession(idHash, now) {
      const [row] = await db
        .select({
          idHash: sessions.idHash,
          hostId: sessions.hostId,
          createdAt: sessions.createdAt,
          expiresAt: sessions.expiresAt,
          workspaceId: hosts.workspaceId,
        })
        .from(sessions)
        .innerJoin(hosts, eq(hosts.id, sessions.hostId))
        .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now)));
      return row ?? null;
    },
    async deleteSession(idHash) {
      await db.delete(sessions).where(eq(sessions.idHash, idHash));
    },
    async deleteExpiredSessions(now) {
      const deleted = await db
        .delete(sessions)
        .where(lte(sessions.expiresAt, now))
        .returning({ idHash: sessions.idHash });
      return deleted.length;
    },

    async createInvite(i) {
      await db.insert(hostInvites).values({
        id: i.id,
        workspaceId: i.workspaceId,
        email: i.email,
        tokenHash: i.tokenHash,
        invitedBy: i.invitedBy,
        createdAt: i.createdAt,
        expiresAt: i.expiresAt,
        usedAt: i.usedAt,
      });
    },
    async listPendingInvites(workspaceId, now) {
      return db
        .select(inviteColumns)
        .from(hostInvites)
        .where(and(eq(hostInvites.workspaceId, workspaceId), pending(now)))
        .orderBy(desc(hostInvites.createdAt), desc(hostInvites.id));
    },
    async findPendingInvite(tokenHash, now) {
      const [row] = await db
        .select({
          ...inviteColumns,
          workspaceName: workspaces.name,
          invitedByName: hosts.name,
        })
        .from(hostInvites)
        .innerJoin(hosts, eq(hosts.id, hostInvites.invitedBy))
        .innerJoin(workspaces, eq(workspaces.id, hostInvites.workspaceId))
        .where(and(eq(hostInvites.tokenHash, tokenHash), pending(now)));
      return row ?? null;
    },
    async markInviteUsed(id, now) {
      const changed = await db
        .update(hostInvites)
        .set({ usedAt: now })
        .where(and(eq(hostInvites.id, id), pending(now)))
        .returning({ id: hostInvites.id });
      return changed.length > 0;
    },
    async deleteInvite(workspaceId, id) {
      const deleted = await db
        .delete(hostInvites)
        .where(
          and(
            eq(hostInvites.id, id),
            eq(hostInvites.workspaceId, workspaceId),
            isNull(hostInvites.usedAt),
          ),
        )
        .returning({ id: hostInvites.id });
      return deleted.length > 0;
    },
  };
}
