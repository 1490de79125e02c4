import type { ContributionInput, PageQuery } from '../../../../types/api'
import type { Contribution, DiscussionSubject, Page, StanceCounts } from '../../../../types/domain'
import type { Actor } from '../../../domain/actor'
import { canSeeDrafts } from '../../../domain/consultation/conventions'
import { isOfficial, parseSubject, refuseContribute, refuseHide, subjectKey, validateContribution, visibleBody } from '../../../domain/consultation/deliberation'
import { encodeCursor } from '../../../domain/report-views'
import { cleanText } from '../../../domain/text'
import { hasErrors } from '../../../domain/validation'
import { passEverything, type Caller, type Runtime } from '../../context'
import { canSeeModerated, CONTENT_REFUSED, moderationViewer } from '../../../domain/moderation/rules'
import { malformed, notFound, validationError } from '../../errors'
import { pageLimit, parseKeyset } from '../../paging'
import type { ContributionRecord, Repositories, Store } from '../../ports'
import { visibleConvention } from './conventions'
import { visibleDisclosure } from './disclosures'
import { visibleRow } from './proposals'
import { checkContributionQuota } from '../../quotas'
import { createOnce, idOf, refuse } from './shared'
import { ContentScreen, holdText } from '../moderation'
import { recordAudit } from '../audit'
import { residentNameFor } from '../../../domain/masking'

/**
 * 民事民议: a discussion per proposal, per convention article and per disclosure (its questions,
 * answered by staff). Contributions take a stance; staff hide one with a reason, shown as hidden.
 * Who may read the subject may read and join its discussion; anything else is not_found.
 */
export class DiscussionService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    /** The content check of contributions and questions (issue 13). */
    private readonly screen: ContentScreen = new ContentScreen(passEverything, store),
  ) {}

  async list(caller: Caller, subject: unknown, query: PageQuery = {}): Promise<Page<Contribution> & { stances: StanceCounts }> {
    const { actor } = caller
    const s = await readableSubject(this.store, actor, subject)
    const limit = pageLimit(query)
    const key = subjectKey(s)
    const [rows, stances] = await Promise.all([this.store.contributions.list(key, parseKeyset(query?.cursor), limit + 1, moderationViewer(actor)), this.store.contributions.countStances(key)])
    const items = rows.slice(0, limit)
    return {
      items: items.map((r) => viewContribution(r, s, actor)),
      stances,
      ...(rows.length > limit ? { nextCursor: encodeCursor(items[items.length - 1]) } : {}),
    }
  }

  async contribute(caller: Caller, subject: unknown, input: ContributionInput, options: { idempotencyKey: unknown }): Promise<Contribution> {
    const { actor } = caller
    const s = await readableSubject(this.store, actor, subject)
    const official = isOfficial(actor)
    refuse(refuseContribute(actor, s, official))
    return createOnce(
      this.store,
      this.rt,
      caller,
      {
        kind: 'contribution',
        key: options?.idempotencyKey,
        input: { subject: s, ...(input && typeof input === 'object' ? input : {}) },
        idPrefix: 'ct',
        screen: async () =>
          hasErrors(validateContribution(input ?? {}, s, official))
            ? null
            : this.screen.screen(actor, kindOf(s), cleanText(input.body), { field: 'body', message: CONTENT_REFUSED }),
      },
      async (tx, id, at, hold) => {
        const errors = validateContribution(input ?? {}, s, official)
        if (hasErrors(errors)) throw validationError(errors)
        let parentId: string | undefined
        if (input.parentId !== undefined) {
          const parent = await tx.contributions.find(input.parentId)
          if (!parent || parent.subjectKey !== subjectKey(s) || !canSeeModerated(moderationViewer(actor), parent)) throw validationError({ parentId: '要回复的发言不存在' })
          // One level of replies: a reply to a reply hangs under the same top-level contribution.
          parentId = parent.parentId ?? parent.id
        }
        await checkContributionQuota(tx, actor, { official, question: s.kind === 'disclosure' && !official }, at)
        const record: ContributionRecord = {
          id,
          communityId: actor.communityId!,
          subjectKey: subjectKey(s),
          ...(parentId ? { parentId } : {}),
          authorId: actor.id,
          authorName: actor.name,
          official,
          ...(input.stance !== undefined ? { stance: input.stance } : {}),
          body: cleanText(input.body),
          createdAt: at.toISOString(),
          ...(hold ? { moderation: { status: 'held' as const } } : {}),
        }
        return async (w) => {
          await w.contributions.insert(record)
          if (hold) await holdText(w, this.rt, { kind: kindOf(s), subjectId: id, context: record.subjectKey, communityId: record.communityId, authorId: actor.id, hold, at: record.createdAt })
        }
      },
      async (repos, id) => viewContribution((await repos.contributions.find(id))!, s, actor),
    )
  }

  /** Staff: hide a contribution with a reason everyone sees; its text stays for the record. */
  async hide(caller: Caller, id: unknown, reason: unknown): Promise<Contribution> {
    const { actor } = caller
    const key = idOf(id)
    const found = key ? await this.store.contributions.find(key) : null
    if (!found || found.communityId !== actor.communityId || !canSeeModerated(moderationViewer(actor), found)) throw notFound('发言不存在')
    refuse(refuseHide(actor, reason, Boolean(found.hidden)))
    const hidden = { reason: cleanText(reason as string), byId: actor.id, byName: actor.name, at: this.rt.now().toISOString() }
    await this.store.transaction(async (tx) => {
      await tx.contributions.hide(found.id, hidden)
      await recordAudit(tx, this.rt, actor, found.communityId, {
        action: 'contribution.hide',
        subject: { kind: 'contribution', id: found.id },
        concerns: found.authorId,
        note: hidden.reason,
        details: { discussion: found.subjectKey },
        at: hidden.at,
      })
    })
    return viewContribution({ ...found, hidden }, subjectOfKey(found.subjectKey), actor)
  }
}

function subjectOfKey(key: string): DiscussionSubject {
  const [kind, a, b] = key.split(':')
  return kind === 'article' ? { kind: 'article', conventionId: a, articleId: b } : { kind: kind as 'proposal' | 'disclosure', id: a }
}

function viewContribution(r: ContributionRecord, subject: DiscussionSubject, actor: Actor): Contribution {
  return {
    id: r.id,
    subject,
    ...(r.parentId ? { parentId: r.parentId } : {}),
    // Staff speak for the community in full; another resident reads a resident masked (ADR 25).
    authorName: r.official ? r.authorName : residentNameFor(actor, { id: r.authorId, name: r.authorName }),
    official: r.official,
    ...(r.stance ? { stance: r.stance } : {}),
    body: visibleBody(r, actor),
    ...(r.hidden ? { hidden: { reason: r.hidden.reason, byName: r.hidden.byName, at: r.hidden.at } } : {}),
    mine: r.authorId === actor.id,
    createdAt: r.createdAt,
    ...(r.moderation ? { moderation: r.moderation } : {}),
  }
}

/** What a contribution is to the content check and its queue: a question on a disclosure, or a contribution. */
function kindOf(s: DiscussionSubject): 'question' | 'contribution' {
  return s.kind === 'disclosure' ? 'question' : 'contribution'
}

/** The subject of a discussion, if the actor may read it (an article: of a version they may read). */
async function readableSubject(repos: Repositories, actor: Actor, value: unknown): Promise<DiscussionSubject> {
  const s = parseSubject(value)
  if (!s) throw malformed({ subject: '讨论对象无效' })
  if (s.kind === 'proposal') await visibleRow(repos, actor, s.id)
  else if (s.kind === 'disclosure') await visibleDisclosure(repos, actor, s.id)
  else {
    const c = await visibleConvention(repos, actor, s.conventionId)
    const versions = await repos.conventions.listVersions([c.id])
    const readable = versions.filter((v) => v.status === 'published' || canSeeDrafts(actor, c))
    if (!readable.some((v) => v.articles.some((a) => a.id === s.articleId))) throw notFound('条款不存在')
  }
  return s
}
