import type { Slot } from '../common/types';
import { t } from '../common/i18n';
import { formatPlainDate, formatTime } from '../common/time';

/** Id of the chosen day's heading: focus goes there when a day is picked or on Back. */
export const SLOTS_HEADING_ID = 'slots-heading';

interface Props {
  date: string;
  slots: Slot[];
  timeZone: string;
  h12: boolean;
  /** ISO start of the booking being moved: listed as "Your current time", not selectable. */
  currentStart?: string;
  onPick(slot: Slot): void;
}

/** The day's start times as buttons; Up/Down arrows move between them, Enter picks. */
export function SlotList({ date, slots, timeZone, h12, currentStart, onPick }: Props) {
  const heading = formatPlainDate(date, { weekday: 'long', month: 'long', day: 'numeric' });
  function onKey(e: KeyboardEvent) {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    let li = (e.currentTarget as HTMLElement).closest('li');
    // Skip the disabled current time: it cannot take focus.
    do li = (step > 0 ? li?.nextElementSibling : li?.previousElementSibling) as HTMLLIElement;
    while (li && li.querySelector('button')?.disabled);
    li?.querySelector('button')?.focus();
  }
  return (
    <section aria-labelledby={SLOTS_HEADING_ID} data-testid="slot-list">
      <h2 id={SLOTS_HEADING_ID} class="day-heading" tabIndex={-1}>
        {heading}
      </h2>
      {slots.length === 0 ? (
        <p class="muted">{t('slots.noneThisDay')}</p>
      ) : (
        <ul class="slots" aria-labelledby={SLOTS_HEADING_ID}>
          {slots.map((s) =>
            s.start === currentStart ? (
              <li key={s.start}>
                <button type="button" class="current" data-start={s.start} disabled>
                  {formatTime(s.start, timeZone, h12)}{' '}
                  <span class="current-label">{t('slots.currentTime')}</span>
                </button>
              </li>
            ) : (
              <li key={s.start}>
                <button
                  type="button"
                  data-start={s.start}
                  onKeyDown={onKey}
                  onClick={() => onPick(s)}
                >
                  {formatTime(s.start, timeZone, h12)}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
