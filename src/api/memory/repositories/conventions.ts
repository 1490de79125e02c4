import type { Id } from '../../../../types/domain'
import type { AcknowledgementRecord, ConventionRecord, ConventionRepository, ConventionVersionRecord } from '../../../core/ports'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { copy, defined, instant, oldestFirst, optionalInstant, tuple } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** The memory store's ConventionRepository: conventions, their versions and the households' acknowledgements (承诺遵守). */

export const conventionRow = (c: ConventionRecord): ConventionRecord => ({
  id: c.id,
  communityId: c.communityId,
  kind: c.kind,
  title: c.title,
  buildingIds: [...c.buildingIds],
  createdAt: instant(c.createdAt),
  createdById: c.createdById,
  createdByName: c.createdByName,
})

export const versionRow = (v: ConventionVersionRecord): ConventionVersionRecord =>
  defined({
    conventionId: v.conventionId,
    version: v.version,
    status: v.status,
    articles: v.articles.map((a) => ({ id: a.id, number: a.number, title: a.title, text: a.text })),
    changeNote: v.changeNote,
    effectiveFrom: optionalInstant(v.effectiveFrom),
    voteId: v.voteId,
    createdAt: instant(v.createdAt),
    createdByName: v.createdByName,
  })

export const acknowledgementRow = (a: AcknowledgementRecord): AcknowledgementRecord => ({
  conventionId: a.conventionId,
  version: a.version,
  buildingId: a.buildingId,
  room: a.room,
  userId: a.userId,
  userName: a.userName,
  at: instant(a.at),
})

/** The order acknowledgements were made: (at, buildingId, room), then the (convention, version) they are of. */
export const acknowledgementOrder = (a: AcknowledgementRecord, b: AcknowledgementRecord) =>
  compareText(a.at, b.at) || compareText(a.buildingId, b.buildingId) || compareText(a.room, b.room) || compareText(a.conventionId, b.conventionId) || a.version - b.version

export function conventionRepository(t: Tables, run: Run): ConventionRepository {
  const find = (id: Id) => {
    const c = t.conventions.get(id)
    return c ? copy(c) : null
  }
  return {
    insert: (convention) =>
      run(() => {
        mustExist(t.communities, convention.communityId)
        mustExist(t.users, convention.createdById)
        t.conventions.insert(conventionRow(convention))
      }),
    find: (id) => run(() => find(id)),
    // The mutex serialises every unit of work: holding the convention is holding the store.
    findForUpdate: (id) => run(() => find(id)),
    list: (communityId) =>
      run(() =>
        t.conventions
          .rows()
          .filter((c) => c.communityId === communityId)
          .slice()
          .sort(oldestFirst)
          .map(copy),
      ),
    insertVersion: (version) =>
      run(() => {
        // ON CONFLICT DO NOTHING on (convention, version).
        if (t.conventionVersions.has(tuple(version.conventionId, version.version))) return false
        mustExist(t.conventions, version.conventionId)
        mustExist(t.votes, version.voteId)
        t.conventionVersions.insert(versionRow(version))
        return true
      }),
    replaceDraft: (conventionId, version, draft) =>
      run(() => {
        const v = t.conventionVersions.get(tuple(conventionId, version))
        if (!v) return
        t.conventionVersions.replace(versionRow({ ...v, articles: draft.articles, changeNote: draft.changeNote, createdAt: draft.createdAt, createdByName: draft.createdByName }))
      }),
    updateVersion: (conventionId, version, patch) =>
      run(() => {
        const v = t.conventionVersions.get(tuple(conventionId, version))
        if (!v) return
        mustExist(t.votes, patch.voteId)
        t.conventionVersions.replace(
          versionRow({
            ...v,
            ...(patch.status !== undefined ? { status: patch.status } : {}),
            ...(patch.effectiveFrom !== undefined ? { effectiveFrom: patch.effectiveFrom } : {}),
            ...(patch.voteId !== undefined ? { voteId: patch.voteId } : {}),
          }),
        )
      }),
    listVersions: (conventionIds) =>
      run(() => {
        const wanted = new Set(conventionIds)
        return t.conventionVersions
          .rows()
          .filter((v) => wanted.has(v.conventionId))
          .slice()
          .sort((a, b) => compareText(a.conventionId, b.conventionId) || a.version - b.version)
          .map(copy)
      }),
    acknowledge: (record) =>
      run(() => {
        // The household's primary key: the first acknowledgement stands.
        if (t.acknowledgements.has(tuple(record.conventionId, record.version, record.buildingId, record.room))) return false
        mustExist(t.conventionVersions, tuple(record.conventionId, record.version))
        mustExist(t.users, record.userId)
        mustExist(t.buildings, record.buildingId)
        t.acknowledgements.insert(acknowledgementRow(record))
        return true
      }),
    listAcknowledgements: (keys) =>
      run(() => {
        const wanted = new Set(keys.map((k) => tuple(k.conventionId, k.version)))
        return t.acknowledgements
          .rows()
          .filter((a) => wanted.has(tuple(a.conventionId, a.version)))
          .slice()
          .sort(acknowledgementOrder)
          .map(copy)
      }),
  }
}
