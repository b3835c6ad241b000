import { eq } from 'drizzle-orm';
import type { CrmSettings, SqlCrm } from '../crm-store.js';
import type { Dialect } from './dialect.js';

/** The settings of a workspace that never saved any. */
const DEFAULT_SETTINGS: CrmSettings = Object.freeze({ cancelledFirstMeetingStage: null });

/**
 * The SQL CRM's workspace settings (`crm_settings`, one row per workspace): read with defaults,
 * replaced in one upsert.
 */
export function crmSettingsQueries(
  { db, tables }: Dialect,
  now: () => number,
): Pick<SqlCrm, 'getSettings' | 'putSettings'> {
  const { crmSettings: settings } = tables;
  const getSettings = async (workspaceId: string): Promise<CrmSettings> => {
    const [row] = await db
      .select({ cancelledFirstMeetingStage: settings.cancelledFirstMeetingStage })
      .from(settings)
      .where(eq(settings.workspaceId, workspaceId));
    return row ?? DEFAULT_SETTINGS;
  };
  return {
    getSettings,
    async putSettings({ workspaceId, settings: next }) {
      const values = {
        cancelledFirstMeetingStage: next.cancelledFirstMeetingStage,
        updatedAt: now(),
      };
      await db
        .insert(settings)
        .values({ workspaceId, ...values })
        .onConflictDoUpdate({ target: settings.workspaceId, set: values });
      return getSettings(workspaceId);
    },
  };
}
