import type { HouseholdTagRepository } from '../../../core/ports'
import { instant, tuple } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** The memory store's HouseholdTagRepository (issue 12): what staff tag a household with (高龄, 残疾, 低保). */

export function householdTagRepository(t: Tables, run: Run): HouseholdTagRepository {
  return {
    find: (household) =>
      run(() => [...(t.householdTags.get(tuple(household.communityId, household.buildingId, household.room))?.tags ?? [])]),
    save: (household, tags, at, byId) =>
      run(() => {
        const key = tuple(household.communityId, household.buildingId, household.room)
        if (tags.length === 0) {
          t.householdTags.remove(key)
          return
        }
        mustExist(t.communities, household.communityId)
        mustExist(t.buildings, household.buildingId)
        mustExist(t.users, byId)
        t.householdTags.upsert({
          communityId: household.communityId,
          buildingId: household.buildingId,
          room: household.room,
          // Each tag once, in the order first given (a primary key on the tag).
          tags: [...new Set(tags)],
          updatedAt: instant(at),
          updatedById: byId,
        })
      }),
  }
}
