import type { Category } from '../../types/domain'
import { cleanText } from './text'

/**
 * How the report form lays out many categories (a city system's services come by the dozen): under
 * their `group`'s name, in the order the groups first appear, and narrowed by a search over the name,
 * the group and the keywords. Linli's own categories have no group: one group without a name.
 */
export interface CategoryGroup {
  /** Null for categories without a group (shown without a title). */
  name: string | null
  categories: Category[]
}

/** From this many choosable categories on, the form offers a search box. */
export const SEARCH_FROM = 13

export function groupCategories(categories: readonly Category[]): CategoryGroup[] {
  const groups: CategoryGroup[] = []
  for (const category of categories) {
    const name = category.group?.trim() || null
    const group = groups.find((g) => g.name === name)
    if (group) group.categories.push(category)
    else groups.push({ name, categories: [category] })
  }
  return groups
}

/** The categories a search matches by name, group or keyword (case and spaces ignored); all of them for an empty one. */
export function matchCategories(categories: readonly Category[], query: string): Category[] {
  const needle = cleanText(query).replace(/\s+/g, '').toLowerCase()
  if (needle === '') return [...categories]
  const fold = (text: string) => text.replace(/\s+/g, '').toLowerCase()
  // Either way round: “井盖” finds 井盖缺失, and “门口有个坑” finds the service whose keyword is 坑.
  return categories.filter((c) =>
    [c.name, c.group ?? '', ...(c.keywords ?? [])].map(fold).some((text) => text !== '' && (text.includes(needle) || needle.includes(text))),
  )
}
