import { useEffect, useRef, useState } from 'preact/hooks';
import { currentLocale, t } from '../common/i18n';
import { allTimeZones, browserTimeZone, zoneOffsetName } from '../common/time';
import { matchScore, zoneEntry, type ZoneEntry } from './zone-search';

/** Zones indexed per frame while the panel is open: Intl needs ~1 ms per name per zone. */
const CHUNK = 40;
let index: ZoneEntry[] = [];
/** The locale the index was built for: its zone names are searched too. */
let indexLocale = '';
/** Whether the index holds every zone (a search with no match then has none). */
let indexed = false;

let clock: { locale: string; format: Intl.DateTimeFormat } | null = null;

/** A zone's wall-clock time now, from its offset, the page's locale's way. */
function localTime(e: ZoneEntry): string {
  const locale = currentLocale();
  if (clock?.locale !== locale) {
    const options = { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' } as const;
    clock = { locale, format: new Intl.DateTimeFormat(locale, options) };
  }
  return clock.format.format(new Date(Date.now() + e.offsetMinutes * 60_000));
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
  /** Enter was pressed before every zone was in the index: pick the best match once it is. */
  const [pickWhenIndexed, setPickWhenIndexed] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const locale = currentLocale();
  if (indexLocale !== locale) {
    // Another language: its zone names are other search terms.
    index = [];
    indexed = false;
    indexLocale = locale;
  }

  useEffect(() => {
    if (!open) return;
    // The browser's zone and the chosen one first: they head the list before the rest is in.
    const zones = [...new Set([browserTimeZone(), value, ...allTimeZones()])];
    if (index.length >= zones.length) {
      indexed = true;
      return;
    }
    let timer: ReturnType<typeof setTimeout>;
    const at = new Date();
    // Built in slices so the panel opens at once; matches fill in as each slice lands.
    const step = () => {
      const next = zones
        .slice(index.length, index.length + CHUNK)
        .map((z) => zoneEntry(z, at, locale));
      index = [...index, ...next];
      indexed = index.length >= zones.length;
      setIndexed(index.length);
      if (!indexed) timer = setTimeout(step, 0);
    };
    step();
    return () => clearTimeout(timer);
  }, [open, locale]);

  const detected = browserTimeZone();
  const scored = index
    .map((e) => ({ e, score: matchScore(e, search) }))
    .filter((x): x is { e: ZoneEntry; score: number } => x.score !== null);
  const first = (id: string) => (id === detected ? 0 : id === value ? 1 : 2);
  scored.sort((a, b) => first(a.e.id) - first(b.e.id) || a.score - b.score);
  const matches = scored.map((x) => x.e);
  // Said only once every zone is in the index: until then a match may still arrive.
  const noMatch = indexed && matches.length === 0 && !!search.trim();

  function close() {
    setOpen(false);
    setSearch('');
    toggle.current?.focus();
  }

  /** The best match becomes the zone and the panel closes; nothing happens without a match. */
  function pickBest() {
    if (!matches[0]) return;
    onChange(matches[0].id);
    close();
  }

  useEffect(() => {
    if (!pickWhenIndexed || !indexed) return;
    setPickWhenIndexed(false);
    pickBest();
  });

  return (
    <div class="tz">
      <button
        type="button"
        ref={toggle}
        aria-expanded={open}
        aria-controls="tz-panel"
        onClick={() => (open ? close() : setOpen(true))}
      >
        <span class="muted">{t('zone.toggle')} </span>
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
            <label for="tz-search">{t('zone.searchLabel')}</label>
            <input
              id="tz-search"
              type="search"
              autoComplete="off"
              aria-describedby="tz-hint"
              value={search}
              onInput={(e) => {
                setSearch((e.currentTarget as HTMLInputElement).value);
                setPickWhenIndexed(false);
              }}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                // A match may still be on its way while the index fills: wait for it.
                if (indexed) pickBest();
                else setPickWhenIndexed(true);
              }}
            />
            <span id="tz-hint" class="muted">
              {t('zone.searchHint')}
            </span>
          </div>
          <div class="field">
            <label for="tz-list">
              {t('zone.listLabel')}{' '}
              <span class="muted">{t('zone.shown', { count: matches.length })}</span>
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
                  {t(z.id === detected ? 'zone.optionDetected' : 'zone.option', {
                    zone: z.id.replace(/_/g, ' '),
                    time: localTime(z),
                    offset: z.offset,
                  })}
                </option>
              ))}
            </select>
            <span class="muted" role="status" data-testid="tz-no-match">
              {noMatch ? t('zone.noMatch', { search: search.trim() }) : ''}
            </span>
          </div>
          <button type="button" onClick={close}>
            {t('zone.done')}
          </button>
        </div>
      )}
    </div>
  );
}
