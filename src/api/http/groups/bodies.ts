/** The contract's bodies and queries, as more than one group builds them from the port's inputs. */
import type { NewReportInput, PageQuery } from '../../../../types/api'
import type { NewReportBody, PageQueryBody } from '../contract-types'

/** The object without its undefined fields (what JSON would send anyway, but plain to see in tests). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

export const pageQuery = (query: PageQuery = {}): PageQueryBody => ({ cursor: query.cursor, limit: query.limit })

/** The contract's body of a new report (only the fields it names: a stray field would be a 400). */
export const newReportBody = (input: NewReportInput): NewReportBody => ({
  categoryId: input.categoryId,
  description: input.description,
  photoIds: input.photoIds,
  location: input.location,
  anonymous: input.anonymous,
  ...(input.buildingId !== undefined ? { buildingId: input.buildingId } : {}),
  // Sent when given, for the server's rules to answer (its categories ask none: a 422 on `answers`).
  ...(input.answers !== undefined ? { answers: input.answers } : {}),
})

/** The new report's body with the household it names, if any (代报), in the contract's fields only. */
export function withHousehold(input: NewReportInput): NewReportBody {
  if (!input.onBehalfOf) return newReportBody(input)
  const { buildingId, room, name, phone } = input.onBehalfOf
  return { ...newReportBody(input), onBehalfOf: compact({ buildingId, room, name, phone }) }
}
