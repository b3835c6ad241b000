import type { CalendarProviderName } from '@workestra/booking-core';
import type { CalendarConnections } from '../common/types';
import { PROVIDER_LABELS } from './calendar-connections-api';
import { A } from './router';

interface Props {
  value: CalendarProviderName;
  /** The link's provider as saved: kept as an option even once the server no longer offers it. */
  saved: CalendarProviderName;
  /** The server's providers and the host's connections; null while loading (or unreadable). */
  calendars: CalendarConnections | null;
  onChange(provider: CalendarProviderName): void;
}

/**
 * The link's calendar provider: "None" plus the providers this server has configured, and a note
 * on the chosen one (not connected yet: where to connect it; connected: the account).
 */
export function ProviderField({ value, saved, calendars, onChange }: Props) {
  const configured = calendars?.providers ?? [];
  const options: CalendarProviderName[] = ['none', ...configured];
  for (const kept of [saved, value]) if (!options.includes(kept)) options.push(kept);
  const unavailable = (p: CalendarProviderName) =>
    p !== 'none' && calendars !== null && !configured.some((c) => c === p);
  const connection =
    value === 'none' ? undefined : calendars?.connections.find((c) => c.provider === value);
  const label = PROVIDER_LABELS[value];

  let note = null;
  if (value !== 'none' && calendars !== null) {
    if (unavailable(value))
      note = (
        <>
          {label} is not available on this server any more, so this link's page offers no times.
          Choose another provider or None.
        </>
      );
    else if (!connection)
      note = (
        <>
          Your {label} is not connected yet: until it is, this link's page offers no times rather
          than risk a double booking. <A href="/settings/calendars">Connect it in Calendars</A>.
        </>
      );
    else if (connection.accountEmail) note = <>Uses {connection.accountEmail}.</>;
  }

  return (
    <div class="field">
      <label for="f-provider">Calendar provider</label>
      <select
        id="f-provider"
        value={value}
        aria-describedby={note ? 'f-provider-note' : undefined}
        onChange={(e) =>
          onChange((e.currentTarget as HTMLSelectElement).value as CalendarProviderName)
        }
      >
        {options.map((provider) => (
          <option key={provider} value={provider}>
            {PROVIDER_LABELS[provider]}
            {unavailable(provider) ? ' (unavailable on this server)' : ''}
          </option>
        ))}
      </select>
      {note && (
        <p class="hint muted" id="f-provider-note">
          {note}
        </p>
      )}
    </div>
  );
}
