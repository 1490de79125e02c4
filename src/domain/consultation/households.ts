import type { Id } from '../../../types/domain'

/** A household is a room of a building: what one vote, one co-sign, one acknowledgement belongs to. */
export interface HouseholdKey {
  buildingId: Id
  room: string
}

export function sameHousehold(a: HouseholdKey, b: HouseholdKey): boolean {
  return a.buildingId === b.buildingId && a.room === b.room
}

/** A stable key for a household (a Map's key). */
export function householdKey(h: HouseholdKey): string {
  return `${h.buildingId}\u0000${h.room}`
}

/** The distinct households of residents with a home, in first-seen order. */
export function householdsOf(residents: ReadonlyArray<{ home: HouseholdKey }>): HouseholdKey[] {
  const seen = new Map<string, HouseholdKey>()
  for (const r of residents) if (!seen.has(householdKey(r.home))) seen.set(householdKey(r.home), { buildingId: r.home.buildingId, room: r.home.room })
  return [...seen.values()]
}
