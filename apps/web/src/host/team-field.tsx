import type { CalendarProviderName, LinkKind } from '@workestra/booking-core';
import { LINK_LIMITS } from '@workestra/booking-core/limits';
import type { LinkMember, Member } from '../common/types';
import { PROVIDER_LABELS } from './calendar-connections-api';
import { A } from './router';

/**
 * "Who is booked" per link kind, in the order the form offers them (the keys are every
 * `LinkKind`: the type keeps this list complete).
 *
 * @example
 * ```ts
 * KIND_LABELS.round_robin; // 'Round robin'
 * ```
 */
export const KIND_LABELS: Readonly<Record<LinkKind, string>> = {
  solo: 'Just me',
  round_robin: 'Round robin',
  collective: 'Collective',
};

const KIND_HINTS: Readonly<Record<LinkKind, string>> = {
  solo: 'You are booked, on your calendar.',
  round_robin: 'Each booking goes to one free member, taking turns (weights share them out).',
  collective: 'A time is offered only when every member is free; everyone attends.',
};

const LINK_KIND_LIST = Object.keys(KIND_LABELS) as LinkKind[];

/**
 * "Round robin · 3 members" for a team link, "" for a solo one (the links list's summary).
 *
 * @example
 * ```ts
 * teamSummary({ kind: 'round_robin', members: [] }); // 'Round robin · 0 members'
 * ```
 */
export function teamSummary(link: { kind?: LinkKind; members?: readonly unknown[] }): string {
  if (!link.kind || link.kind === 'solo') return '';
  const n = link.members?.length ?? 0;
  return `${KIND_LABELS[link.kind]} · ${n} ${n === 1 ? 'member' : 'members'}`;
}

interface Props {
  kind: LinkKind;
  members: LinkMember[];
  /** The workspace's hosts; null while loading (or unreadable: `loadError`). */
  workspace: Member[] | null;
  loadError: string;
  error?: string | undefined;
  onKind(kind: LinkKind): void;
  onMembers(members: LinkMember[]): void;
}

/**
 * The "Who is booked" group of the link form: the kind, and for a team link the member picker
 * (per member: included, its weight on round robin, its calendar: none or a connected provider).
 *
 * @example
 * ```tsx
 * <TeamField kind="round_robin" members={[]} workspace={members} loadError="" onKind={setKind} onMembers={setMembers} />
 * ```
 */
export function TeamField({
  kind,
  members,
  workspace,
  loadError,
  error,
  onKind,
  onMembers,
}: Props) {
  const chosen = (id: string) => members.find((m) => m.hostId === id);
  const toggle = (host: Member, on: boolean) =>
    onMembers(
      on
        ? [
            ...members.filter((m) => m.hostId !== host.id),
            {
              hostId: host.id,
              weight: 1,
              calendarProvider: host.calendars[0] ?? 'none',
              timeZone: null,
              weeklyHours: null,
            },
          ]
        : members.filter((m) => m.hostId !== host.id),
    );
  const change = (id: string, patch: Partial<LinkMember>) =>
    onMembers(members.map((m) => (m.hostId === id ? { ...m, ...patch } : m)));

  return (
    <fieldset aria-describedby={error ? 'e-members' : undefined}>
      <legend>Who is booked</legend>
      <div class="stack" role="radiogroup" aria-label="Who is booked">
        {LINK_KIND_LIST.map((k) => (
          <div key={k}>
            <label class="check">
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                aria-describedby={`h-kind-${k}`}
                onChange={() => onKind(k)}
              />
              {KIND_LABELS[k]}
            </label>{' '}
            <span id={`h-kind-${k}`} class="hint muted">
              {KIND_HINTS[k]}
            </span>
          </div>
        ))}
      </div>
      {kind !== 'solo' && (
        <div class="stack team-members" data-testid="team-members">
          <h2 class="field-label">Members</h2>
          {loadError && (
            <p class="error" role="alert">
              {loadError}
            </p>
          )}
          {workspace === null ? (
            !loadError && <p class="muted">Loading members…</p>
          ) : (
            <>
              {workspace.length < 2 && (
                <p class="hint muted">
                  You are the only member so far.{' '}
                  <A href="/settings/members">Invite teammates in Members</A>.
                </p>
              )}
              <ul class="stack">
                {workspace.map((host) => {
                  const member = chosen(host.id);
                  const options: CalendarProviderName[] = ['none', ...host.calendars];
                  if (member && !options.includes(member.calendarProvider))
                    options.push(member.calendarProvider);
                  return (
                    <li key={host.id} class="row" data-member-id={host.id}>
                      <label class="check">
                        <input
                          type="checkbox"
                          checked={member !== undefined}
                          disabled={!member && members.length >= LINK_LIMITS.maxTeamMembers}
                          onChange={(e) =>
                            toggle(host, (e.currentTarget as HTMLInputElement).checked)
                          }
                        />
                        {host.name} <span class="muted">{host.email}</span>
                      </label>
                      {member && kind === 'round_robin' && (
                        <label>
                          Weight{' '}
                          <input
                            type="number"
                            inputMode="numeric"
                            min={1}
                            max={100}
                            step={1}
                            required
                            class="narrow"
                            aria-label={`Weight of ${host.name}`}
                            value={String(member.weight)}
                            onInput={(e) =>
                              change(host.id, {
                                weight: Number((e.currentTarget as HTMLInputElement).value),
                              })
                            }
                          />
                        </label>
                      )}
                      {member && (
                        <label>
                          Calendar{' '}
                          <select
                            aria-label={`Calendar of ${host.name}`}
                            value={member.calendarProvider}
                            onChange={(e) =>
                              change(host.id, {
                                calendarProvider: (e.currentTarget as HTMLSelectElement)
                                  .value as CalendarProviderName,
                              })
                            }
                          >
                            {options.map((p) => (
                              <option key={p} value={p}>
                                {PROVIDER_LABELS[p]}
                              </option>
                            ))}
                          </select>
                        </label>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {error && (
            <p id="e-members" class="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
