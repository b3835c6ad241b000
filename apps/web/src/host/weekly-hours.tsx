import { Fragment } from 'preact';
import type { TimeWindow, Weekday } from '../common/types';

export const WEEKDAYS: Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

export type FullWeek = Record<Weekday, TimeWindow[]>;

interface Props {
  value: FullWeek;
  error?: string;
  /** A message per weekday, shown beside its row (the row and its times marked invalid). */
  dayErrors?: Partial<Record<Weekday, string>>;
  onChange(value: FullWeek): void;
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Per weekday: an "available" checkbox and several start–end windows, each removable. */
export function WeeklyHoursEditor({ value, error, dayErrors = {}, onChange }: Props) {
  const set = (day: Weekday, windows: TimeWindow[]) => onChange({ ...value, [day]: windows });
  return (
    <div role="group" aria-labelledby="weekly-label">
      <p id="weekly-label" class="field">
        <strong>Weekly hours</strong>{' '}
        <span class="muted">Days without a window are unavailable.</span>
      </p>
      {error && <p class="field-error">{error}</p>}
      {WEEKDAYS.map((day) => {
        const windows = value[day];
        const last = windows[windows.length - 1];
        const dayError = dayErrors[day];
        const errorId = `e-weeklyHours-${day}`;
        return (
          <div class={dayError ? 'weekday invalid' : 'weekday'} key={day} data-weekday={day}>
            <label class="check">
              <input
                type="checkbox"
                checked={windows.length > 0}
                onChange={(e) =>
                  set(
                    day,
                    (e.currentTarget as HTMLInputElement).checked
                      ? [{ start: '09:00', end: '17:00' }]
                      : [],
                  )
                }
              />
              {cap(day)}
            </label>
            {windows.map((w, i) => (
              <div class="window-row" key={i}>
                {(['start', 'end'] as const).map((edge, k) => (
                  <Fragment key={edge}>
                    {k === 1 && <span aria-hidden="true">–</span>}
                    <label>
                      <span class="visually-hidden">
                        {cap(day)} window {i + 1} {edge}
                      </span>
                      <input
                        type="time"
                        required
                        value={w[edge]}
                        aria-invalid={dayError ? true : undefined}
                        aria-describedby={dayError ? errorId : undefined}
                        onInput={(e) =>
                          set(
                            day,
                            windows.map((x, j) =>
                              j === i
                                ? { ...x, [edge]: (e.currentTarget as HTMLInputElement).value }
                                : x,
                            ),
                          )
                        }
                      />
                    </label>
                  </Fragment>
                ))}
                <button
                  type="button"
                  aria-label={`Remove ${cap(day)} window ${i + 1}`}
                  onClick={() =>
                    set(
                      day,
                      windows.filter((_, j) => j !== i),
                    )
                  }
                >
                  Remove
                </button>
              </div>
            ))}
            <button
              type="button"
              aria-label={`Add a ${cap(day)} window`}
              onClick={() =>
                set(day, [
                  ...windows,
                  last
                    ? { start: last.end, end: last.end < '23:00' ? nextHour(last.end) : '23:59' }
                    : { start: '09:00', end: '17:00' },
                ])
              }
            >
              Add window
            </button>
            {dayError && (
              <p id={errorId} class="field-error day-error">
                {dayError}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}

function nextHour(time: string): string {
  const h = Number(time.slice(0, 2)) + 1;
  return `${String(h).padStart(2, '0')}${time.slice(2)}`;
}
