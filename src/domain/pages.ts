/**
 * A list with the next page after it, leaving out rows the list already has: between two page
 * reads a row can move (a newer one pushes it down), and a row must show once.
 */
export function appendPage<T extends { id: string }>(items: readonly T[], next: readonly T[]): T[] {
  const known = new Set(items.map((i) => i.id))
  return [...items, ...next.filter((i) => !known.has(i.id))]
}
