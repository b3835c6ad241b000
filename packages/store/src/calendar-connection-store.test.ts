import type { Host } from '@workestra/booking-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CalendarConnectionStore,
  StoredCalendarConnection,
} from './calendar-connection-store.js';
import type { StoreHandle } from './store-handle.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';
import { makeHost, T0 } from './test-support/fixtures.js';

function connectionOf(host: Host, overrides: Partial<StoredCalendarConnection> = {}) {
  return {
    id: `cc-${host.id}`,
    workspaceId: host.workspaceId,
    hostId: host.id,
    provider: 'google',
    accountEmail: host.email,
    accessTokenSealed: 'sealed-access-1',
    refreshTokenSealed: 'sealed-refresh-1',
    tokenExpiresAt: T0 + 3_600_000,
    calendarsToCheck: ['primary'],
    writeCalendar: 'primary',
    state: 'working',
    stateSince: T0,
    lastError: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  } satisfies StoredCalendarConnection;
}

describe.each(DIALECTS)('CalendarConnectionStore on %s', (dialect) => {
  let db: TestDatabase;
  let handle: StoreHandle;
  let connections: CalendarConnectionStore;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    handle = await db.open();
    connections = handle.calendarConnections;
  });
  afterAll(async () => db.drop());

  async function host(overrides: Partial<Host> = {}): Promise<Host> {
    const h = makeHost(overrides);
    await handle.store.transaction((tx) => tx.insertHost(h));
    return h;
  }

  it('saves, finds and lists a host’s connections; a reconnect replaces the grant, keeps the calendars', async () => {
    const ada = await host();
    const google = connectionOf(ada);
    expect(await connections.saveConnection(google)).toEqual(google);
    const microsoft = connectionOf(ada, { id: `cm-${ada.id}`, provider: 'microsoft' });
    await connections.saveConnection(microsoft);
    const key = { workspaceId: ada.workspaceId, hostId: ada.id, provider: 'google' } as const;
    expect(await connections.findConnection(key)).toEqual(google);
    expect(await connections.listConnections(ada.workspaceId, ada.id)).toEqual([google, microsoft]);

    await connections.setCalendars(
      key,
      { calendarsToCheck: ['primary', 'team'], writeCalendar: 'team' },
      T0 + 1,
    );
    await connections.markState(key, 'needs_reconsent', 'refused', T0 + 2);
    const again = await connections.saveConnection(
      connectionOf(ada, {
        id: 'ignored-new-id',
        accessTokenSealed: 'sealed-access-2',
        stateSince: T0 + 3,
        createdAt: T0 + 3,
        updatedAt: T0 + 3,
      }),
    );
    expect(again).toEqual({
      ...google,
      accessTokenSealed: 'sealed-access-2',
      calendarsToCheck: ['primary', 'team'],
      writeCalendar: 'team',
      stateSince: T0 + 3,
      updatedAt: T0 + 3,
    });
  });

  it('updates tokens, keeping the refresh token unless a new one is given', async () => {
    const ada = await host();
    await connections.saveConnection(connectionOf(ada));
    const key = { workspaceId: ada.workspaceId, hostId: ada.id, provider: 'google' } as const;
    expect(
      await connections.updateTokens(
        key,
        { accessTokenSealed: 'a2', tokenExpiresAt: T0 + 10 },
        T0 + 5,
      ),
    ).toBe(true);
    expect(await connections.findConnection(key)).toMatchObject({
      accessTokenSealed: 'a2',
      refreshTokenSealed: 'sealed-refresh-1',
      tokenExpiresAt: T0 + 10,
      updatedAt: T0 + 5,
    });
    await connections.updateTokens(
      key,
      { accessTokenSealed: 'a3', refreshTokenSealed: 'r3', tokenExpiresAt: T0 + 20 },
      T0 + 6,
    );
    expect(await connections.findConnection(key)).toMatchObject({
      accessTokenSealed: 'a3',
      refreshTokenSealed: 'r3',
    });
  });

  it('moves stateSince only when the state changes, and working clears the error', async () => {
    const ada = await host();
    await connections.saveConnection(connectionOf(ada));
    const key = { workspaceId: ada.workspaceId, hostId: ada.id, provider: 'google' } as const;
    await connections.markState(key, 'failing', 'timeout', T0 + 10);
    await connections.markState(key, 'failing', '503', T0 + 20);
    expect(await connections.findConnection(key)).toMatchObject({
      state: 'failing',
      stateSince: T0 + 10,
      lastError: '503',
      updatedAt: T0 + 20,
    });
    await connections.markState(key, 'working', 'ignored', T0 + 30);
    expect(await connections.findConnection(key)).toMatchObject({
      state: 'working',
      stateSince: T0 + 30,
      lastError: null,
    });
  });

  it('keeps workspaces apart: another workspace’s key reads and changes nothing', async () => {
    const ada = await host();
    const stranger = await host();
    const mine = connectionOf(ada);
    await connections.saveConnection(mine);
    const foreign = {
      workspaceId: stranger.workspaceId,
      hostId: ada.id,
      provider: 'google',
    } as const;
    expect(stranger.workspaceId).not.toBe(ada.workspaceId);
    expect(await connections.findConnection(foreign)).toBeNull();
    expect(await connections.listConnections(stranger.workspaceId, ada.id)).toEqual([]);
    expect(
      await connections.updateTokens(foreign, { accessTokenSealed: 'x', tokenExpiresAt: 1 }, T0),
    ).toBe(false);
    expect(
      await connections.setCalendars(foreign, { calendarsToCheck: ['x'], writeCalendar: 'x' }, T0),
    ).toBe(false);
    expect(await connections.markState(foreign, 'failing', 'x', T0)).toBe(false);
    expect(await connections.deleteConnection(foreign)).toBeNull();
    const key = { ...foreign, workspaceId: ada.workspaceId };
    expect(await connections.findConnection(key)).toEqual(mine);

    expect(await connections.deleteConnection(key)).toEqual(mine);
    expect(await connections.findConnection(key)).toBeNull();
  });

  it('refuses a connection for a host of another workspace, and a state outside the list', async () => {
    const ada = await host();
    const stranger = await host();
    await expect(
      connections.saveConnection(connectionOf(ada, { workspaceId: stranger.workspaceId })),
    ).rejects.toThrow();
    await connections.saveConnection(connectionOf(ada));
    await expect(
      db.raw(`UPDATE calendar_connections SET state = 'broken' WHERE host_id = '${ada.id}'`),
    ).rejects.toThrow(/check/i);
  });
});
