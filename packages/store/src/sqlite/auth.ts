import { and, eq, gt, lte } from 'drizzle-orm';
import type { AuthStore } from '../auth-store.js';
import { mapConstraintError } from '../constraint-errors.js';
import { hostCredentials, hosts, sessions } from '../schema/sqlite.js';
import type { SqliteDb } from './db.js';

/** `AuthStore` on SQLite. */
export function sqliteAuthStore(
  db: SqliteDb,
  serial: <T>(fn: () => Promise<T>) => Promise<T>,
): AuthStore {
  return {
    createCredentials: (c) =>
      serial(async () => {
        try {
          db.insert(hostCredentials)
            .values({
              hostId: c.hostId,
              email: c.email,
              passwordHash: c.passwordHash,
              createdAt: c.createdAt,
              updatedAt: c.updatedAt,
            })
            .run();
        } catch (error) {
          throw mapConstraintError(error);
        }
      }),
    findCredentialsByEmail: (email) =>
      serial(async () => {
        const row = db
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
          .where(eq(hostCredentials.email, email))
          .get();
        return row ?? null;
      }),
    updatePasswordHash: (hostId, passwordHash, now) =>
      serial(async () => {
        const changed = db
          .update(hostCredentials)
          .set({ passwordHash, updatedAt: now })
          .where(eq(hostCredentials.hostId, hostId))
          .returning({ hostId: hostCredentials.hostId })
          .all();
        return changed.length > 0;
      }),

    createSession: (s) =>
      serial(async () => {
        db.insert(sessions)
          .values({
            idHash: s.idHash,
            hostId: s.hostId,
            createdAt: s.createdAt,
            expiresAt: s.expiresAt,
          })
          .run();
      }),
    findSession: (idHash, now) =>
      serial(async () => {
        const row = db
          .select({
            idHash: sessions.idHash,
            hostId: sessions.hostId,
            createdAt: sessions.createdAt,
            expiresAt: sessions.expiresAt,
            workspaceId: hosts.workspaceId,
          })
          .from(sessions)
          .innerJoin(hosts, eq(hosts.id, sessions.hostId))
          .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now)))
          .get();
        return row ?? null;
      }),
    deleteSession: (idHash) =>
      serial(async () => {
        db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
      }),
    deleteExpiredSessions: (now) =>
      serial(async () => db.delete(sessions).where(lte(sessions.expiresAt, now)).run().changes),
  };
}
