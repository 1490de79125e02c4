import type { SettingsRepository } from '../../src/core/ports'
import type { Queryable } from '../db/driver'

/** A community's rules for proposals (co-signing households needed, within how many days), in SQL. */

export function settingsRepository(q: Queryable): SettingsRepository {
  return {
    find: async (communityId) => {
      const [row] = await q.query<{ proposal_threshold: number; proposal_window_days: number }>(
        'SELECT proposal_threshold, proposal_window_days FROM consultation_settings WHERE community_id = $1',
        [communityId],
      )
      return row ? { proposalThreshold: Number(row.proposal_threshold), proposalWindowDays: Number(row.proposal_window_days) } : null
    },
    save: async (communityId, s, at) => {
      await q.query(
        `INSERT INTO consultation_settings (community_id, proposal_threshold, proposal_window_days, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (community_id) DO UPDATE SET proposal_threshold = EXCLUDED.proposal_threshold,
           proposal_window_days = EXCLUDED.proposal_window_days, updated_at = EXCLUDED.updated_at`,
        [communityId, s.proposalThreshold, s.proposalWindowDays, at],
      )
    },
  }
}
