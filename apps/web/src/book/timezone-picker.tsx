import { useMemo, useRef, useState } from 'preact/hooks';
import { allTimeZones, zoneOffsetName } from '../common/time';

// CLDR (and so Intl.supportedValuesOf in Chromium) still lists some zones by their old names;
// searching the current name should find them too.
const ALIASES: Record<string, string> = {
  calcutta: 'kolkata',
  kiev: 'kyiv',
  saigon: 'ho_chi_minh',
  katmandu: 'kathmandu',
  rangoon: 'yangon',
  godthab: 'nuuk',
};

function searchText(zone: string): string {
  const lower = zone.toLowerCase();
  const city = lower.slice(lower.lastIndexOf('/') + 1);
  return ALIASES[city] ? `${lower} ${ALIASES[city]}` : lower;
}

interface Props {
  value: string;
  onChange(zone: string): void;
}

/** A disclosure with a search box and a filtered list of every IANA zone the browser knows. */
export function TimeZonePicker({ value, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const zones = useMemo(() => (open ? allTimeZones() : []), [open]);
  const needle = search.trim().toLowerCase().replace(/\s+/g, '_');
  const matches = zones.filter((z) => searchText(z).includes(needle));
  if (!matches.includes(value) && (!needle || value.toLowerCase().includes(needle)))
    matches.unshift(value);

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
              value={search}
              onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && matches[0]) {
                  e.preventDefault();
                  onChange(matches[0]);
                  close();
                }
              }}
            />
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
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
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
