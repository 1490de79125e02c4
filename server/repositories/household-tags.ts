import type { HouseholdTag } from '../../types/domain'
import type { HouseholdTagRepository } from '../../src/core/ports'
import type { Queryable } from '../db/driver'

/** The tags staff give a household (高龄 / 残疾 / 低保), in SQL: one row per tagged household. */

export function householdTagRepository(q: Queryable): HouseholdTagRepository {
  return {
    find: async (h) => {
      const [row] = await q.query<{ tags: HouseholdTag[] }>('SELECT tags FROM household_tags WHERE community_id = $1 AND building_id = $2 AND room = $3', [
        h.communityId,
        h.buildingId,
        h.room,
      ])
      return row ? [...row.tags] : []
    },
    save: async (h, tags, at, byId) => {
      if (tags.length === 0) {
        await q.query('DELETE FROM household_tags WHERE community_id = $1 AND building_id = $2 AND room = $3', [h.communityId, h.buildingId, h.room])
        return
      }
      await q.query(
        `INSERT INTO household_tags (community_id, building_id, room, tags, updated_at, updated_by_id) VALUES ($1, $2, $3, $4::text[], $5, $6)
         ON CONFLICT (community_id, building_id, room) DO UPDATE SET tags = EXCLUDED.tags, updated_at = EXCLUDED.updated_at, updated_by_id = EXCLUDED.updated_by_id`,
        [h.communityId, h.buildingId, h.room, [...tags], at, byId],
      )
    },
  }
}
