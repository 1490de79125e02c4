import type { Category } from '../../../types/domain'
import { flag, itemsOf, listOf, textOrNull } from './values'

/**
 * A GeoReport v2 service list (`services.json`) as Linli's report categories (ADR 26): each service is
 * a category, its `group` a chip group of the category picker, its `keywords` what a search matches.
 */

/** How a city system answers a new request: at once with an id, with a token first, or not at all. */
export type Open311ServiceType = 'realtime' | 'batch' | 'blackbox'

export interface Open311Category extends Category {
  /** The city system's `service_code`: what a report is posted with. */
  serviceCode: string
  /** The chip group the category is shown under. */
  group: string
  keywords: string[]
  /** `metadata: true`: the service has a definition whose attributes are extra questions. */
  hasQuestions: boolean
  type: Open311ServiceType
}

export interface ChipGroup {
  name: string
  categoryIds: string[]
}

export interface Open311Catalogue {
  categories: Open311Category[]
  /** In the order the groups first appear in the list. */
  groups: ChipGroup[]
}

/** Where a service without a group is shown. */
export const UNGROUPED = '其他'

export interface CatalogueOptions {
  /**
   * GeoReport has no deadline per service; the category's 限时办结 is this many hours until a
   * request's `expected_datetime` says otherwise (default 168: a week).
   */
  deadlineHours?: number
}

const TYPES: readonly Open311ServiceType[] = ['realtime', 'batch', 'blackbox']

/** The category id of a service code (ids are namespaced, so they never collide with Linli's own). */
export function categoryIdOf(serviceCode: string): string {
  return `open311:${serviceCode}`
}

/** Services without a `service_code` or a name are skipped; a code seen twice keeps its first entry. */
export function parseServiceList(raw: unknown, options: CatalogueOptions = {}): Open311Catalogue {
  const deadlineHours = options.deadlineHours ?? 168
  const categories: Open311Category[] = []
  const groups: ChipGroup[] = []
  const seen = new Set<string>()
  for (const item of itemsOf(raw)) {
    const serviceCode = textOrNull(item.service_code)
    const name = textOrNull(item.service_name) ?? serviceCode
    if (serviceCode === null || name === null || seen.has(serviceCode)) continue
    seen.add(serviceCode)
    const type = textOrNull(item.type)?.toLowerCase() as Open311ServiceType | undefined
    const category: Open311Category = {
      id: categoryIdOf(serviceCode),
      name,
      guidance: textOrNull(item.description) ?? '',
      deadlineHours,
      serviceCode,
      group: textOrNull(item.group) ?? UNGROUPED,
      keywords: listOf(item.keywords),
      hasQuestions: flag(item.metadata),
      type: type && TYPES.includes(type) ? type : 'realtime',
    }
    categories.push(category)
    const group = groups.find((g) => g.name === category.group)
    if (group) group.categoryIds.push(category.id)
    else groups.push({ name: category.group, categoryIds: [category.id] })
  }
  return { categories, groups }
}

/** The categories a search text matches: by name, group or keyword, case-insensitive. */
export function searchCategories(categories: readonly Open311Category[], query: string): Open311Category[] {
  const needle = query.trim().toLowerCase()
  if (needle === '') return [...categories]
  return categories.filter((c) => [c.name, c.group, ...c.keywords].some((text) => text.toLowerCase().includes(needle)))
}
