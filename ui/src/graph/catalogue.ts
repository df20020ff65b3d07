/**
 * The "add an action" picker's search: pure ranking over entries the canvas supplies (built-in
 * types plus connector descriptors), so the same query gives the same order in tests and UI.
 */
export interface CatalogueEntry {
  readonly type: string;
  readonly title: string;
  readonly description?: string;
  readonly keywords?: readonly string[];
}

/** Every word of the query must match somewhere; title-prefix matches rank first. */
export function searchCatalogue<T extends CatalogueEntry>(entries: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...entries];
  const scored: { entry: T; score: number; index: number }[] = [];
  entries.forEach((entry, index) => {
    const title = entry.title.toLowerCase();
    const type = entry.type.toLowerCase();
    const rest = [entry.description ?? '', ...(entry.keywords ?? [])].join(' ').toLowerCase();
    let score = 0;
    for (const word of words) {
      if (title.startsWith(word) || type.startsWith(word)) score += 3;
      else if (title.includes(word) || type.includes(word)) score += 2;
      else if (rest.includes(word)) score += 1;
      else return;
    }
    scored.push({ entry, score, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.entry);
}
