import type { Id } from '../../../../types/domain'
import type { DisclosureRecord, DisclosureRepository, DisclosureRow } from '../../../core/ports'
import { copy, defined, instant, newestFirst, pair } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** The memory store's DisclosureRepository (村务公开): what was made public, and who read it. */

export const disclosureRow = (d: DisclosureRecord): DisclosureRecord =>
  defined({
    id: d.id,
    communityId: d.communityId,
    category: d.category,
    period: 'month' in d.period ? { year: d.period.year, month: d.period.month } : { year: d.period.year, quarter: d.period.quarter },
    title: d.title,
    body: d.body,
    photoIds: [...d.photoIds],
    finance: d.finance
      ? defined({
          items: d.finance.items.map((i) => ({ kind: i.kind, name: i.name, amountFen: i.amountFen })),
          totalIncomeFen: d.finance.totalIncomeFen,
          totalExpenseFen: d.finance.totalExpenseFen,
          openingBalanceFen: d.finance.openingBalanceFen,
          closingBalanceFen: d.finance.closingBalanceFen,
        })
      : undefined,
    publishedAt: instant(d.publishedAt),
    authorId: d.authorId,
    authorName: d.authorName,
  })

/** A disclosure's place in its newest-first list: (publishedAt, id). */
const keyed = (d: DisclosureRecord) => ({ createdAt: d.publishedAt, id: d.id })

export function disclosureRepository(t: Tables, run: Run): DisclosureRepository {
  const withRead = (d: DisclosureRecord, viewerId: Id): DisclosureRow => ({ ...copy(d), readByViewer: t.disclosureReads.has(pair(d.id, viewerId)) })
  return {
    insert: (disclosure) =>
      run(() => {
        mustExist(t.communities, disclosure.communityId)
        mustExist(t.users, disclosure.authorId)
        t.disclosures.insert(disclosureRow(disclosure))
      }),
    find: (id, viewerId) =>
      run(() => {
        const d = t.disclosures.get(id)
        return d ? withRead(d, viewerId) : null
      }),
    list: (filter, cursor, limit, viewerId) =>
      run(() => {
        const after = cursor ? { createdAt: instant(cursor.createdAt), id: cursor.id } : null
        return t.disclosures
          .rows()
          .filter((d) => d.communityId === filter.communityId && (filter.category === undefined || d.category === filter.category) && (!after || newestFirst(after, keyed(d)) < 0))
          .slice()
          .sort((a, b) => newestFirst(keyed(a), keyed(b)))
          .slice(0, Math.max(0, limit))
          .map((d) => withRead(d, viewerId))
      }),
    markRead: (disclosureId, userId, at) =>
      run(() => {
        mustExist(t.disclosures, disclosureId)
        mustExist(t.users, userId)
        // The first read stands.
        if (!t.disclosureReads.has(pair(disclosureId, userId))) t.disclosureReads.insert({ disclosureId, userId, at: instant(at) })
      }),
    listReaders: (disclosureId) => run(() => new Set(t.disclosureReads.rows().filter((r) => r.disclosureId === disclosureId).map((r) => r.userId))),
  }
}
