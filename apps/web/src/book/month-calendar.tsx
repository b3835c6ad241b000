import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { currentLocale, t } from '../common/i18n';
import {
  addDays,
  firstWeekday,
  formatMonth,
  formatPlainDate,
  isoWeekday,
  weekdayNames,
} from '../common/time';

interface Props {
  /** `YYYY-MM` */
  month: string;
  /** Dates (`YYYY-MM-DD`) with at least one slot, mapped to their slot count. */
  available: Map<string, number>;
  selected: string | null;
  loading: boolean;
  canPrev: boolean;
  canNext: boolean;
  onSelect(date: string): void;
  onMonth(month: string): void;
}

interface Week {
  /** The locale's first day of the week (ISO index). */
  first: number;
  /** The column heads in that order. */
  names: { short: string; long: string }[];
}

let week: (Week & { locale: string }) | null = null;

/**
 * The page locale's week, worked out again only when the language changes (the language is
 * chosen after this module loads, so it cannot be a module constant).
 */
function localeWeek(): Week {
  const locale = currentLocale();
  if (week?.locale !== locale) {
    const first = firstWeekday();
    week = { locale, first, names: weekdayNames(first) };
  }
  return week;
}

/** A date's column in the locale's week (0 = the locale's first day). */
const column = (date: string, first: number) => (isoWeekday(date) - first + 7) % 7;

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + delta, 1)).toISOString().slice(0, 7);
}

function daysInMonth(month: string): string[] {
  const out: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * A month grid of day buttons. One day is in the tab order (roving tabindex); arrow keys move by
 * day/week (crossing into the next or previous month), Home/End to the week's ends, Enter or Space
 * picks a day that has slots.
 */
export function MonthCalendar(p: Props) {
  const { first, names } = localeWeek();
  const days = daysInMonth(p.month);
  const firstAvailable = days.find((d) => p.available.has(d)) ?? null;
  const [focusDate, setFocusDate] = useState<string | null>(null);
  const wantFocus = useRef(false);
  const gridRef = useRef<HTMLTableElement>(null);

  const active =
    focusDate && focusDate.startsWith(p.month)
      ? focusDate
      : p.selected && p.selected.startsWith(p.month)
        ? p.selected
        : (firstAvailable ?? days[0]!);

  useLayoutEffect(() => {
    if (!wantFocus.current) return;
    const el = gridRef.current?.querySelector<HTMLButtonElement>(`[data-date="${active}"]`);
    if (el) {
      el.focus();
      wantFocus.current = false;
    }
  });

  function move(to: string) {
    const month = to.slice(0, 7);
    if (month !== p.month) {
      if ((month < p.month && !p.canPrev) || (month > p.month && !p.canNext)) return;
      p.onMonth(month);
    }
    wantFocus.current = true;
    setFocusDate(to);
  }

  function onKey(e: KeyboardEvent, date: string) {
    const wd = column(date, first);
    const deltas: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -7,
      ArrowDown: 7,
      Home: -wd,
      End: 6 - wd,
    };
    const delta = deltas[e.key];
    if (delta !== undefined) {
      e.preventDefault();
      move(addDays(date, delta));
    } else if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      const target = shiftMonth(p.month, e.key === 'PageUp' ? -1 : 1);
      move(`${target}-01`);
    }
  }

  const lead = column(days[0]!, first);
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));

  return (
    <div>
      <div class="month-head">
        <button
          type="button"
          aria-label={t('month.previous')}
          disabled={!p.canPrev}
          onClick={() => p.onMonth(shiftMonth(p.month, -1))}
        >
          ‹
        </button>
        <h2 id="month-label" aria-live="polite">
          {formatMonth(p.month)}
        </h2>
        <button
          type="button"
          aria-label={t('month.next')}
          disabled={!p.canNext}
          onClick={() => p.onMonth(shiftMonth(p.month, 1))}
        >
          ›
        </button>
      </div>
      <table class="month" ref={gridRef} aria-labelledby="month-label" aria-busy={p.loading}>
        <thead>
          <tr>
            {names.map((w) => (
              <th key={w.long} scope="col" abbr={w.long}>
                {w.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, i) => (
            <tr key={i}>
              {week.map((date, j) =>
                date ? (
                  <td key={date}>
                    <DayButton
                      date={date}
                      count={p.available.get(date) ?? 0}
                      selected={date === p.selected}
                      tabbable={date === active}
                      onKey={onKey}
                      onPick={() => {
                        setFocusDate(date);
                        p.onSelect(date);
                      }}
                    />
                  </td>
                ) : (
                  <td key={`e${j}`} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DayButton(props: {
  date: string;
  count: number;
  selected: boolean;
  tabbable: boolean;
  onKey(e: KeyboardEvent, date: string): void;
  onPick(): void;
}) {
  const { date, count } = props;
  const label = t('month.dayLabel', {
    date: formatPlainDate(date, { weekday: 'long', month: 'long', day: 'numeric' }),
    count,
  });
  return (
    <button
      type="button"
      class={count ? 'day available' : 'day'}
      data-date={date}
      tabIndex={props.tabbable ? 0 : -1}
      aria-label={label}
      aria-pressed={props.selected}
      aria-disabled={count ? undefined : true}
      onKeyDown={(e) => props.onKey(e, date)}
      onClick={() => count && props.onPick()}
    >
      {Number(date.slice(8))}
    </button>
  );
}
