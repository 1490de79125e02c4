import type { ContributionRecord, ContributionRepository } from '../../../core/ports'
import { canSeeModerated } from '../../../domain/moderation/rules'
import { copy, defined, instant, moderationRow, normalizeKeyset, oldestFirst } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** The memory store's ContributionRepository (民事民议): discussions of proposals, articles and disclosures. */

type Hidden = NonNullable<ContributionRecord['hidden']>

const hiddenRow = (h: Hidden): Hidden => ({ reason: h.reason, byId: h.byId, byName: h.byName, at: instant(h.at) })

export const contributionRow = (c: ContributionRecord): ContributionRecord =>
  defined({
    id: c.id,
    communityId: c.communityId,
    subjectKey: c.subjectKey,
    parentId: c.parentId,
    authorId: c.authorId,
    authorName: c.authorName,
    official: c.official,
    stance: c.stance,
    body: c.body,
    hidden: c.hidden ? hiddenRow(c.hidden) : undefined,
    createdAt: instant(c.createdAt),
    moderation: c.moderation ? moderationRow(c.moderation) : undefined,
  })

export function contributionRepository(t: Tables, run: Run): ContributionRepository {
  return {
    insert: (contribution) =>
      run(() => {
        mustExist(t.communities, contribution.communityId)
        mustExist(t.users, contribution.authorId)
        mustExist(t.contributions, contribution.parentId)
        mustExist(t.users, contribution.hidden?.byId)
        t.contributions.insert(contributionRow(contribution))
      }),
    find: (id) =>
      run(() => {
        const c = t.contributions.get(id)
        return c ? copy(c) : null
      }),
    list: (subjectKey, cursor, limit, visibleTo) =>
      run(() => {
        const after = normalizeKeyset(cursor)
        return t.contributions
          .rows()
          .filter((c) => c.subjectKey === subjectKey && (visibleTo ? canSeeModerated(visibleTo, c) : !c.moderation) && (!after || oldestFirst(after, c) < 0))
          .slice()
          .sort(oldestFirst)
          .slice(0, Math.max(0, limit))
          .map(copy)
      }),
    countStances: (subjectKey) =>
      run(() => {
        const counts = { for: 0, against: 0, neutral: 0 }
        for (const c of t.contributions.rows()) if (c.subjectKey === subjectKey && !c.parentId && !c.hidden && !c.moderation && c.stance) counts[c.stance]++
        return counts
      }),
    countMany: (subjectKeys) =>
      run(() => {
        const wanted = new Set(subjectKeys)
        const counts = new Map<string, number>()
        for (const c of t.contributions.rows()) if (wanted.has(c.subjectKey) && !c.hidden && !c.moderation) counts.set(c.subjectKey, (counts.get(c.subjectKey) ?? 0) + 1)
        return counts
      }),
    hide: (id, hidden) =>
      run(() => {
        const c = t.contributions.get(id)
        if (!c) return
        mustExist(t.users, hidden.byId)
        t.contributions.replace(contributionRow({ ...c, hidden }))
      }),
  }
}
