import type { ReportQuestion } from '../../../types/domain'
import { parseServiceDefinition } from '../../domain/open311/definition'
import { categoryIdOf, parseServiceList, type Open311Catalogue, type Open311Category } from '../../domain/open311/services'
import { ApiError } from '../errors'
import type { Requester } from './requester'
import type { StateFile } from './state'

export interface CatalogueOptions {
  deadlineHours: number
  /** How long a service list or definition is used before it is asked again. */
  maxAgeMs: number
  now: () => Date
}

/**
 * The city's services as the report form's categories, and a service's definition as its extra
 * questions, each asked again after `maxAgeMs` and kept on the phone: when the city does not answer,
 * the last list is used (the form still works offline; the outbox sends it later).
 */
export function catalogue(http: Requester, file: StateFile, options: CatalogueOptions) {
  const fresh = (fetchedAt: string) => options.now().getTime() - Date.parse(fetchedAt) < options.maxAgeMs

  async function services(): Promise<Open311Catalogue> {
    const kept = file.read().catalogue
    if (kept && (fresh(kept.fetchedAt) || http.coolingDown())) return kept.value
    try {
      const { value } = await http.get('services')
      const parsed = parseServiceList(value, { deadlineHours: options.deadlineHours })
      file.update((state) => (state.catalogue = { value: parsed, fetchedAt: options.now().toISOString() }))
      return parsed
    } catch (error) {
      if (kept && error instanceof ApiError && error.retryable) return kept.value
      throw error
    }
  }

  async function category(categoryId: string): Promise<Open311Category | undefined> {
    return (await services()).categories.find((c) => c.id === categoryId)
  }

  async function questions(categoryId: string): Promise<ReportQuestion[]> {
    const found = await category(categoryId)
    if (!found) throw new ApiError('not_found', '没有这个问题类别，请重新选择')
    if (!found.hasQuestions) return []
    const kept = file.read().definitions[found.serviceCode]
    if (kept && (fresh(kept.fetchedAt) || http.coolingDown())) return kept.questions
    try {
      const { status, value } = await http.get(`services/${encodeURIComponent(found.serviceCode)}`)
      if (status === 404) throw new ApiError('not_found', '城市服务平台上找不到这个类别，请重新选择')
      const parsed = parseServiceDefinition(value)
      file.update((state) => (state.definitions[found.serviceCode] = { questions: parsed, fetchedAt: options.now().toISOString() }))
      return parsed
    } catch (error) {
      if (kept && error instanceof ApiError && error.retryable) return kept.questions
      throw error
    }
  }

  return { services, category, questions, categoryIdOf }
}

export type Catalogue = ReturnType<typeof catalogue>
