import { and, asc, eq, sql } from 'drizzle-orm';
import type {
  CalendarConnectionKey,
  CalendarConnectionStore,
  StoredCalendarConnection,
} from '../calendar-connection-store.js';
import type { Dialect } from './dialect.js';

/** `CalendarConnectionStore` over either dialect. */
export function calendarConnectionStore({ db, tables }: Dialect): CalendarConnectionStore {
  const { calendarConnections: cc } = tables;
  const byKey = (key: CalendarConnectionKey) =>
    and(
      eq(cc.workspaceId, key.workspaceId),
      eq(cc.hostId, key.hostId),
      eq(cc.provider, key.provider),
    );
  const changed = (rows: unknown[]) => rows.length > 0;

  return {
    async saveConnection(c) {
      const [row] = await db
        .insert(cc)
        .values({ ...c, calendarsToCheck: [...c.calendarsToCheck] })
        .onConflictDoUpdate({
          target: [cc.workspaceId, cc.hostId, cc.provider],
          set: {
            accountEmail: c.accountEmail,
            accessTokenSealed: c.accessTokenSealed,
            refreshTokenSealed: c.refreshTokenSealed,
            tokenExpiresAt: c.tokenExpiresAt,
            state: c.state,
            stateSince: c.stateSince,
            lastError: c.lastError,
            updatedAt: c.updatedAt,
          },
        })
        .returning();
      return row as StoredCalendarConnection;
    },
    async findConnection(key) {
      const [row] = await db.select().from(cc).where(byKey(key));
      return row ?? null;
    },
    async listConnections(workspaceId, hostId) {
      return db
        .select()
        .from(cc)
        .where(and(eq(cc.workspaceId, workspaceId), eq(cc.hostId, hostId)))
        .orderBy(asc(cc.provider));
    },
    async updateTokens(key, tokens, now) {
      return changed(
        await db
          .update(cc)
          .set({
            accessTokenSealed: tokens.accessTokenSealed,
            ...(tokens.refreshTokenSealed === undefined
              ? {}
              : { refreshTokenSealed: tokens.refreshTokenSealed }),
            tokenExpiresAt: tokens.tokenExpiresAt,
            updatedAt: now,
          })
          .where(byKey(key))
          .returning({ id: cc.id }),
      );
    },
    async setCalendars(key, calendars, now) {
      return changed(
        await db
          .update(cc)
          .set({
            calendarsToCheck: [...calendars.calendarsToCheck],
            writeCalendar: calendars.writeCalendar,
            updatedAt: now,
          })
          .where(byKey(key))
          .returning({ id: cc.id }),
      );
    },
    async markState(key, state, error, now) {
      return changed(
        await db
          .update(cc)
          .set({
            // The state's start moves only when the state changes ("failing since ...").
            stateSince: sql`CASE WHEN ${cc.state} = ${state} THEN ${cc.stateSince} ELSE ${now} END`,
            state,
            lastError: state === 'working' ? null : error,
            updatedAt: now,
          })
          .where(byKey(key))
          .returning({ id: cc.id }),
      );
    },
    async deleteConnection(key) {
      const [row] = await db.delete(cc).where(byKey(key)).returning();
      return row ?? null;
    },
  };
}
