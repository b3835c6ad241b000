import { useEffect, useRef, useState } from 'preact/hooks';
import { allTimeZones, browserTimeZone, zoneOffsetName } from '../common/time';
import { matchScore, zoneEntry, type ZoneEntry } from './zone-search';

/** Zones indexed per frame while the panel is open: Intl needs ~1 ms per name per zone. */
const CHUNK = 40;
let index: ZoneEntry[] = [];

const clock = new Intl.DateTimeFormat(undefined, {
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** A zone's wall-clock time now, from its offset. */
function localTime(e: ZoneEntry): string {
  return clock.format(new Date(Date.now() + e.offsetMinutes * 60_000));
}

interface Props {
  value: string;
  onChange(zone: string): void;
}

/**
 * A disclosure with a search box and the zones that match it (city, region, abbreviation or
 * offset), each with its local time now; the browser's own zone stays on top.
 */
export function TimeZonePicker({ value, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [, setIndexed] = useState(index.length);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    // The browser's zone and the chosen one first: they head the list before the rest is in.
    const zones = [...new Set([browserTimeZone(), value, ...allTimeZones()])];
    if (index.length >= zones.length) return;
    let timer: ReturnType<typeof setTimeout>;
    const at = new Date();
    // Built in slices so the panel opens at once; matches fill in as each slice lands.
    const step = () => {
      const next = zones.slice(index.length, index.length + CHUNK).map((z) => zoneEntry(z, at));
      index = [...index, ...next];
      setIndexed(index.length);
      if (index.length < zones.length) timer = setTimeout(step, 0);
    };
    step();
    return () => clearTimeout(timer);
  }, [open]);

  const detected = browserTimeZone();
  const scored = index
    .map((e) => ({ e, score: matchScore(e, search) }))
    .filter((x): x is { e: ZoneEntry; score: number } => x.score !== null);
  const first = (id: string) => (id === detected ? 0 : id === value ? 1 : 2);
  scored.sort((a, b) => first(a.e.id) - first(b.e.id) || a.score - b.score);
  const matches = scored.map((x) => x.e);

  function close() {
    setOpen(false);
    setSearch('');
    toggle.current?.focus();
  }

  return (
    <div class="tz">
      <button
        type="button"
        ref={toggle}
        aria-expanded={open}
        aria-controls="tz-panel"
        onClick={() => (open ? close() : setOpen(true))}
      >
        <span class="muted">Time zone: </span>
        <span data-testid="tz-value">{value.replace(/_/g, ' ')}</span> ({zoneOffsetName(value)})
      </button>
      {open && (
        <div
          id="tz-panel"
          class="card stack"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            // Escape is handled: an embedding popup must not close with the list.
            e.preventDefault();
            close();
          }}
        >
          <div class="field">
            <label for="tz-search">Search time zones</label>
            <input
              id="tz-search"
              type="search"
              autoComplete="off"
              aria-describedby="tz-hint"
              value={search}
              onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && matches[0]) {
                  e.preventDefault();
                  onChange(matches[0].id);
                  close();
                }
              }}
            />
            <span id="tz-hint" class="muted">
              City, country, abbreviation (JST) or offset (GMT+9)
            </span>
          </div>
          <div class="field">
            <label for="tz-list">
              Time zone <span class="muted">({matches.length} shown)</span>
            </label>
            <select
              id="tz-list"
              class="tz-list"
              size={8}
              value={value}
              onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
            >
              {matches.slice(0, 200).map((z) => (
                <option key={z.id} value={z.id}>
                  {z.id.replace(/_/g, ' ')} · {localTime(z)} ({z.offset})
                  {z.id === detected ? ' · your zone' : ''}
                </option>
              ))}
            </select>
          </div>
          <button type="button" onClick={close}>
            Done
          </button>
        </div>
      )}
    </div>
  );
}
