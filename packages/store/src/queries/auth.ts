import { and, eq, gt, lte } from 'drizzle-orm';
import type { AuthStore } from '../auth-store.js';
import { mapConstraintError } from '../constraint-errors.js';
import type { Dialect } from './dialect.js';

/** `AuthStore` over either dialect. */
export function authStore({ db, tables }: Dialect): AuthStore {
  const { hostCredentials, hosts, sessions } = tables;
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
  };
}
