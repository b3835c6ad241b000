// What the time zone search matches: a zone's city (the IANA id's last part), its Intl names in
// English ("Pacific Standard Time", "PST", "JST" from the locales that use them) and in the page's
// language ("Mitteleuropäische Normalzeit", "日本標準時"), its region as Intl names it, and its
// offset written the usual ways ("GMT+9", "+09:00", "UTC-8").

/** One zone in the picker: its id, what it is found by, and its offset now. */
export interface ZoneEntry {
  id: string;
  /** `GMT+9`, `GMT-8`, `GMT+5:30` (Intl's short offset) */
  offset: string;
  /** Minutes east of UTC, for the option's local time. */
  offsetMinutes: number;
  /** Lowercase search terms, best first. */
  terms: string[];
}

// Old CLDR ids that Chromium still lists, with the names people search for.
const ALIASES: Record<string, string> = {
  calcutta: 'kolkata',
  kiev: 'kyiv',
  saigon: 'ho chi minh',
  katmandu: 'kathmandu',
  rangoon: 'yangon',
  godthab: 'nuuk',
};

// Locales whose short zone names are the abbreviations people type: IST, JST, BST, AEST, PST.
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'ja-JP'];

function zoneName(locale: string, timeZone: string, style: string, at: Date): string {
  const f = new Intl.DateTimeFormat(locale, {
    timeZone,
    timeZoneName: style as Intl.DateTimeFormatOptions['timeZoneName'],
  });
  return f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** `GMT+5:30` → 330; `GMT` → 0. */
function offsetMinutes(shortOffset: string): number {
  const m = /([+-])(\d{1,2})(?::(\d{2}))?$/.exec(shortOffset);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** The ways an offset is written: `gmt+9`, `utc+9`, `+09:00`, `utc+09:00`, `+9`. */
function offsetTerms(minutes: number): string[] {
  const sign = minutes < 0 ? '-' : '+';
  const h = Math.floor(Math.abs(minutes) / 60);
  const mm = Math.abs(minutes) % 60;
  const short = `${sign}${h}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`;
  const long = `${sign}${String(h).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
  return [`gmt${short}`, `utc${short}`, long, `gmt${long}`, `utc${long}`, short];
}

/**
 * A zone's search entry at an instant (names and offsets change with DST), also found by its
 * names in `locale` (the page's language) when that is given.
 *
 * @example
 * zoneEntry('Asia/Tokyo', new Date()).terms; // ['tokyo', 'asia tokyo', ..., 'jst', 'gmt+9', '+09:00', ...]
 * zoneEntry('Asia/Tokyo', new Date(), 'de').terms; // [..., 'japanische normalzeit', ...]
 */
export function zoneEntry(id: string, at: Date, locale?: string): ZoneEntry {
  const lower = id.toLowerCase().replace(/_/g, ' ');
  const city = lower.slice(lower.lastIndexOf('/') + 1);
  const offset = zoneName('en-US', id, 'shortOffset', at) || 'GMT';
  const minutes = offsetMinutes(offset);
  const names = [
    zoneName('en-US', id, 'long', at),
    zoneName('en-US', id, 'longGeneric', at),
    ...ABBREVIATION_LOCALES.map((l) => zoneName(l, id, 'short', at)),
    // English is there already.
    ...(locale && !/^en\b/i.test(locale)
      ? [zoneName(locale, id, 'long', at), zoneName(locale, id, 'longGeneric', at)]
      : []),
  ];
  const terms = [city, ...(ALIASES[city] ? [ALIASES[city]] : []), lower.replace(/\//g, ' ')];
  for (const n of names) if (n && !/^GMT|^UTC/.test(n)) terms.push(n.toLowerCase());
  terms.push(...offsetTerms(minutes));
  return { id, offset, offsetMinutes: minutes, terms: [...new Set(terms)] };
}

/**
 * How well an entry matches what was typed: 0 a whole term, 1 a term's start, 2 a word's start
 * inside a term, 3 anywhere; null for no match. Offsets match whole only, so `GMT+9` does not
 * also find `GMT+9:30`.
 *
 * @example
 * matchScore(zoneEntry('Asia/Tokyo', new Date()), 'jst'); // 0
 */
export function matchScore(entry: ZoneEntry, typed: string): number | null {
  const needle = typed.trim().toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ');
  if (!needle) return 3;
  const isOffset = /^(gmt|utc)?\s*[+-]/.test(needle);
  if (isOffset) return entry.terms.includes(needle.replace(/\s/g, '')) ? 0 : null;
  let best: number | null = null;
  for (const t of entry.terms) {
    const score =
      t === needle
        ? 0
        : t.startsWith(needle)
          ? 1
          : t.includes(` ${needle}`)
            ? 2
            : t.includes(needle)
              ? 3
              : null;
    if (score !== null && (best === null || score < best)) best = score;
  }
  return best;
}
