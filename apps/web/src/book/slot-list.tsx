import type { Slot } from '../common/types';
import { formatPlainDate, formatTime } from '../common/time';

interface Props {
  date: string;
  slots: Slot[];
  timeZone: string;
  h12: boolean;
  onPick(slot: Slot): void;
}

/** The day's start times as buttons; Up/Down arrows move between them, Enter picks. */
export function SlotList({ date, slots, timeZone, h12, onPick }: Props) {
  const heading = formatPlainDate(date, { weekday: 'long', month: 'long', day: 'numeric' });
  function onKey(e: KeyboardEvent) {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const li = (e.currentTarget as HTMLElement).closest('li');
    const next = (step > 0 ? li?.nextElementSibling : li?.previousElementSibling)?.querySelector(
      'button',
    );
    next?.focus();
  }
  return (
    <section aria-labelledby="slots-heading">
      <h3 id="slots-heading">{heading}</h3>
      {slots.length === 0 ? (
        <p class="muted">No times left on this day.</p>
      ) : (
        <ul class="slots" aria-labelledby="slots-heading">
          {slots.map((s) => (
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
          ))}
        </ul>
      )}
    </section>
  );
}
