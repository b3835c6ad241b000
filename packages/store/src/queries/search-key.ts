// The one folding CRM search uses, shared by the writes that store keys and the reads that match them.

/**
 * Text as CRM search compares it: NFKC-normalised (so `ﬁ` is `fi` and a composed `ë` is one
 * letter), then lowercased with JavaScript's full Unicode case mapping, then normalised again.
 * Done here rather than in SQL because SQLite's `lower()` and `LIKE` fold ASCII only: the same key
 * on both dialects is what makes `zoë` find `ZOË` on each: `ZOË Ångström` keys as `zoë ångström`.
 */
export function searchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFKC');
}
