import { t } from '../common/i18n';

/**
 * "Add to calendar": the server's copy of the emailed invitation (same UID, current SEQUENCE),
 * so a calendar that imports it and accepts the email keeps one event. The token proves the
 * visitor is the attendee; the server names the file.
 */
export function CalendarFileLink({ token }: { token: string }) {
  const href = `/api/public/tokens/${encodeURIComponent(token)}/calendar.ics?purpose=reschedule`;
  return (
    <a class="button primary" href={href} download>
      {t('confirm.addIcs')}
    </a>
  );
}
