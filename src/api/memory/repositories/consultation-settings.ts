import type { SettingsRepository, WriteKeyRecord, WriteKeyRepository } from '../../../core/ports'
import { copy, instant, tuple } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** The memory store's SettingsRepository (a community's consultation settings) and WriteKeyRepository (idempotent creation). */

export function settingsRepository(t: Tables, run: Run): SettingsRepository {
  return {
    find: (communityId) =>
      run(() => {
        const s = t.consultationSettings.get(communityId)
        return s ? { proposalThreshold: s.proposalThreshold, proposalWindowDays: s.proposalWindowDays } : null
      }),
    save: (communityId, settings, at) =>
      run(() => {
        mustExist(t.communities, communityId)
        t.consultationSettings.upsert({
          communityId,
          proposalThreshold: settings.proposalThreshold,
          proposalWindowDays: settings.proposalWindowDays,
          updatedAt: instant(at),
        })
      }),
  }
}

export const writeKeyRecord = (k: WriteKeyRecord): WriteKeyRecord => copy(k)

export function writeKeyRepository(t: Tables, run: Run): WriteKeyRepository {
  return {
    find: (userId, kind, key) =>
      run(() => {
        const k = t.writeKeys.get(tuple(userId, kind, key))
        return k ? writeKeyRecord(k) : null
      }),
    // The mutex serialises every unit of work: a claim in progress elsewhere has ended before this one runs.
    claim: (record) =>
      run(() => {
        if (t.writeKeys.has(tuple(record.userId, record.kind, record.key))) return false
        mustExist(t.users, record.userId)
        t.writeKeys.insert({
          userId: record.userId,
          key: record.key,
          kind: record.kind,
          fingerprint: record.fingerprint,
          objectId: record.objectId,
          at: instant(record.at),
        })
        return true
      }),
  }
}
