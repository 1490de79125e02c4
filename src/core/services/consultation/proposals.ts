import type { MinutesInput, ProgressInput, ProposalAnswerInput, ProposalInput, ProposalQuery, RatingInput } from '../../../../types/api'
import type { Page, Proposal, ProposalStatus, ProposalSummary } from '../../../../types/domain'
import { hasRole, type Actor } from '../../../domain/actor'
import { versionInForce } from '../../../domain/consultation/conventions'
import { householdKey } from '../../../domain/consultation/households'
import {
  answeredStatus,
  isLapsed,
  PROPOSAL_LIMITS,
  proposalDeadline,
  rankSimilar,
  reachesThreshold,
  refuseAnswer,
  refuseCosign,
  refuseProgress,
  refusePropose,
  refuseRate,
  validateMinutes,
  validateProgress,
  validateProposal,
  validateRatingComment,
} from '../../../domain/consultation/proposals'
import { encodeCursor } from '../../../domain/report-views'
import { cleanText, textLength } from '../../../domain/text'
import { hasErrors } from '../../../domain/validation'
import { passEverything, type Caller, type Runtime } from '../../context'
import { canSeeModerated, CONTENT_REFUSED_TITLED, moderationViewer } from '../../../domain/moderation/rules'
import { conflict, forbidden, notFound, requireCommunity, validationError } from '../../errors'
import { pageLimit, parseKeyset } from '../../paging'
import type { ProposalFilter, ProposalRecord, ProposalRow, Repositories, Store } from '../../ports'
import { canSeeConvention } from '../../../domain/consultation/conventions'
import { checkProposalQuota } from '../../quotas'
import type { ConsultationNotifications } from './notify'
import { photoSight } from '../photo-sight'
import { ContentScreen, holdText } from '../moderation'
import { createOnce, idOf, ownPhotoIds, photosOf, refuse, settingsOf } from './shared'
import { residentNameFor } from '../../../domain/masking'

export const PROPOSAL_NOT_FOUND = '议题不存在或您无权查看'
const RATING_LEVELS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const

/**
 * 民事民提 and 民事民评: proposals raised by verified residents, co-signed by households until
 * their threshold puts them on the agenda, answered by staff, carried out with progress and rated.
 * Everyone of the community reads them; another community's answer not_found.
 */
export class ProposalService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly notify: ConsultationNotifications,
    /** The content check of what the community reads (issue 13). */
    private readonly screen: ContentScreen = new ContentScreen(passEverything, store),
  ) {}

  async list(caller: Caller, query: ProposalQuery = {}): Promise<Page<ProposalSummary>> {
    const { actor } = caller
    const limit = pageLimit(query)
    const filter: ProposalFilter = { communityId: requireCommunity(actor), ...filterOf(query?.filter, actor), visibleTo: moderationViewer(actor) }
    const rows = await this.store.proposals.list(filter, parseKeyset(query?.cursor), limit + 1, actor.home)
    const items = rows.slice(0, limit)
    const now = this.rt.now()
    return { items: items.map((r) => summaryOf(r, actor, now)), ...(rows.length > limit ? { nextCursor: encodeCursor(items[items.length - 1]) } : {}) }
  }

  /** Open proposals like `text` (its title and body), to co-sign instead of repeating. */
  async similar(caller: Caller, text: unknown): Promise<ProposalSummary[]> {
    const { actor } = caller
    const words = typeof text === 'string' ? cleanText(text).slice(0, 200) : ''
    if (textLength(words) < 2) return []
    const open = await this.store.proposals.list({ communityId: requireCommunity(actor), statuses: ['collecting', 'agenda'] }, null, 200, actor.home)
    const now = this.rt.now()
    return rankSimilar(words, open).map((r) => summaryOf(r, actor, now))
  }

  async get(caller: Caller, id: unknown): Promise<Proposal> {
    return proposalView(this.store, caller, await visibleRow(this.store, caller.actor, id), this.rt.now())
  }

  async propose(caller: Caller, input: ProposalInput, options: { idempotencyKey: unknown }): Promise<Proposal> {
    const { actor } = caller
    refuse(refusePropose(actor))
    return createOnce(
      this.store,
      this.rt,
      caller,
      {
        kind: 'proposal',
        key: options?.idempotencyKey,
        input,
        idPrefix: 'pp',
        // What the community will read: the title, the text and the wording proposed for an article.
        screen: async () =>
          hasErrors(validateProposal(input))
            ? null
            : this.screen.screen(actor, 'proposal', [input.title, input.body, input.article?.proposedText].filter((t) => typeof t === 'string').map((t) => cleanText(t as string)).join('\n'), {
                field: 'body',
                message: CONTENT_REFUSED_TITLED,
              }),
      },
      async (tx, id, at, hold) => {
        const errors = validateProposal(input)
        if (hasErrors(errors)) throw validationError(errors)
        const photoIds = await ownPhotoIds(tx, actor.id, input.photoIds, 'photoIds', PROPOSAL_LIMITS.photosMax)
        if (input.article) await checkArticle(tx, actor, input.article, at)
        const communityId = requireCommunity(actor)
        const settings = await settingsOf(tx, communityId)
        const building = await tx.directory.findBuilding(actor.home!.buildingId)
        await checkProposalQuota(tx, actor, at)
        const record: ProposalRecord = {
          id,
          communityId,
          authorId: actor.id,
          authorName: actor.name,
          authorHome: { buildingId: actor.home!.buildingId, room: actor.home!.room },
          authorBuildingName: building?.name ?? '',
          title: cleanText(input.title),
          body: cleanText(input.body),
          photoIds,
          ...(input.article ? { article: { conventionId: input.article.conventionId, articleId: input.article.articleId, proposedText: cleanText(input.article.proposedText) } } : {}),
          threshold: settings.proposalThreshold,
          deadline: proposalDeadline(at.toISOString(), settings.proposalWindowDays),
          status: 'collecting',
          createdAt: at.toISOString(),
          ...(hold ? { moderation: { status: 'held' as const } } : {}),
        }
        return async (w) => {
          await w.proposals.insert(record)
          if (hold) await holdText(w, this.rt, { kind: 'proposal', subjectId: id, communityId, authorId: actor.id, hold, at: record.createdAt })
        }
      },
      async (repos, id) => proposalView(repos, caller, (await repos.proposals.find(id, actor.home))!, this.rt.now()),
    )
  }

  /** 附议 by my household; the co-sign that reaches the threshold puts the proposal on the agenda. */
  async cosign(caller: Caller, id: unknown): Promise<Proposal> {
    const { actor } = caller
    const now = this.rt.now()
    const reached = await this.store.transaction(async (tx) => {
      const p = await lockedProposal(tx, actor, id)
      refuse(refuseCosign(actor, { ...p, author: p.authorHome }, now))
      if (p.moderation) throw conflict('议题审核通过后才能附议')
      const added = await tx.proposals.cosign({ proposalId: p.id, buildingId: actor.home!.buildingId, room: actor.home!.room, userId: actor.id, at: now.toISOString() })
      if (!added) return null
      const count = await tx.proposals.countCosigns(p.id)
      if (!reachesThreshold(p, count, now)) return null
      await tx.proposals.update(p.id, { status: 'agenda' })
      return p
    })
    if (reached) this.notify.toPeople([reached.authorId], { kind: 'proposal_threshold', subject: { kind: 'proposal', id: reached.id, title: reached.title }, at: now.toISOString(), note: `已有${reached.threshold}户附议，列入议程` })
    return this.get(caller, id)
  }

  /** Staff: 列入议程, 不予采纳 with a reason, or 合并 into another open proposal. */
  async answer(caller: Caller, id: unknown, input: ProposalAnswerInput): Promise<Proposal> {
    const { actor } = caller
    const now = this.rt.now()
    const answered = await this.store.transaction(async (tx) => {
      const p = await lockedProposal(tx, actor, id)
      refuse(refuseAnswer(actor, p.status, input))
      if (p.moderation) throw conflict('议题审核通过后才能答复')
      let mergedIntoId: string | undefined
      if (input.kind === 'merged') {
        const target = idOf(input.intoProposalId) ? await tx.proposals.findForUpdate(input.intoProposalId) : null
        if (!target || target.communityId !== p.communityId || target.id === p.id || target.moderation || !['collecting', 'agenda'].includes(target.status)) {
          throw validationError({ intoProposalId: '请选择本社区另一个仍在征集或已列入议程的议题' })
        }
        mergedIntoId = target.id
      }
      const answer = { kind: input.kind, reason: cleanText(input.reason ?? ''), ...(mergedIntoId ? { mergedIntoId } : {}), at: now.toISOString(), byId: actor.id, byName: actor.name }
      await tx.proposals.update(p.id, { status: answeredStatus(input.kind), answer })
      return p
    })
    const words = { agenda: '已列入议程', declined: '不予采纳', merged: '已合并到其他议题' }[input.kind]
    this.notify.toPeople([answered.authorId], { kind: 'proposal_answered', subject: { kind: 'proposal', id: answered.id, title: answered.title }, at: now.toISOString(), note: words })
    return this.get(caller, id)
  }

  /** Staff: 议事会纪要 on the proposal. */
  async addMinutes(caller: Caller, id: unknown, input: MinutesInput, options: { idempotencyKey: unknown }): Promise<Proposal> {
    const { actor } = caller
    const p = await visibleRow(this.store, actor, id)
    if (!hasRole(actor, 'staff')) throw forbidden('只有社区工作者可以发布议事纪要')
    await createOnce(
      this.store,
      this.rt,
      caller,
      { kind: 'minutes', key: options?.idempotencyKey, input, idPrefix: 'mn' },
      async (tx, mid, at) => {
        const errors = validateMinutes(input)
        if (hasErrors(errors)) throw validationError(errors)
        const photoIds = await ownPhotoIds(tx, actor.id, input.photoIds, 'photoIds', PROPOSAL_LIMITS.photosMax)
        return (w) => w.proposals.addMinutes({ id: mid, proposalId: p.id, text: cleanText(input.text), photoIds, at: at.toISOString(), byId: actor.id, byName: actor.name })
      },
      async () => undefined,
    )
    return this.get(caller, p.id)
  }

  /** Staff: how far an adopted decision got; 100 % marks it done (then households rate it). */
  async addProgress(caller: Caller, id: unknown, input: ProgressInput, options: { idempotencyKey: unknown }): Promise<Proposal> {
    const { actor } = caller
    const first = await visibleRow(this.store, actor, id)
    await createOnce(
      this.store,
      this.rt,
      caller,
      { kind: 'progress', key: options?.idempotencyKey, input, idPrefix: 'pg' },
      async (tx, pid, at) => {
        const p = await lockedProposal(tx, actor, first.id)
        refuse(refuseProgress(actor, p.status))
        const updates = await tx.proposals.listProgress(p.id)
        const last = updates.length > 0 ? updates[updates.length - 1].percent : null
        const errors = validateProgress(input, last, Boolean(p.responsible))
        if (hasErrors(errors)) throw validationError(errors)
        const photoIds = await ownPhotoIds(tx, actor.id, input.photoIds, 'photoIds', PROPOSAL_LIMITS.photosMax)
        return async (w) => {
          await w.proposals.addProgress({ id: pid, proposalId: p.id, percent: input.percent, text: cleanText(input.text), photoIds, at: at.toISOString(), byId: actor.id, byName: actor.name })
          const patch: Partial<Pick<ProposalRecord, 'status' | 'responsible'>> = {}
          if (input.responsible !== undefined) patch.responsible = cleanText(input.responsible)
          if (input.percent === 100) patch.status = 'done'
          if (Object.keys(patch).length > 0) await w.proposals.update(p.id, patch)
        }
      },
      async () => undefined,
    )
    return this.get(caller, first.id)
  }

  /** My household rates a done decision; a second rating of the household changes nothing. */
  async rate(caller: Caller, id: unknown, input: RatingInput): Promise<Proposal> {
    const { actor } = caller
    const p = await visibleRow(this.store, actor, id)
    refuse(refuseRate(actor, p))
    const level = input && typeof input === 'object' ? input.level : undefined
    if (!RATING_LEVELS.includes(level as (typeof RATING_LEVELS)[number])) throw validationError({ level: '请选择满意、基本满意或不满意' })
    const commentError = validateRatingComment(input.comment)
    if (commentError) throw validationError({ comment: commentError })
    await this.store.proposals.rate({
      proposalId: p.id,
      buildingId: actor.home!.buildingId,
      room: actor.home!.room,
      userId: actor.id,
      userName: actor.name,
      level: input.level,
      comment: cleanText(input.comment),
      at: this.rt.now().toISOString(),
    })
    return this.get(caller, p.id)
  }
}

function filterOf(filter: ProposalQuery['filter'] | undefined, actor: Actor): Omit<ProposalFilter, 'communityId'> {
  switch (filter) {
    case undefined:
      return {}
    case 'open':
      return { statuses: ['collecting', 'agenda'] }
    case 'mine':
      return { authorId: actor.id }
    case 'unanswered':
      return { statuses: ['collecting', 'agenda'], unanswered: true }
    case 'decided':
      return { statuses: ['declined', 'merged', 'adopted', 'not_adopted', 'done'] }
    default:
      throw validationError({ filter: '筛选条件无效' })
  }
}

export function summaryOf(r: ProposalRow, actor: Actor, now: Date): ProposalSummary {
  return {
    id: r.id,
    communityId: r.communityId,
    title: r.title,
    // Another resident reads the author masked (ADR 25).
    authorName: residentNameFor(actor, { id: r.authorId, name: r.authorName }),
    authorBuildingName: r.authorBuildingName,
    status: r.status,
    cosigns: r.cosigns,
    threshold: r.threshold,
    deadline: r.deadline,
    lapsed: isLapsed(r, now),
    cosignedByMyHousehold: r.cosignedByViewer,
    mine: r.authorId === actor.id,
    answered: r.answer !== undefined,
    contributions: r.contributions,
    createdAt: r.createdAt,
    ...(r.moderation ? { moderation: r.moderation } : {}),
  }
}

export async function visibleRow(repos: Repositories, actor: Actor, id: unknown): Promise<ProposalRow> {
  const key = idOf(id)
  const row = key ? await repos.proposals.find(key, actor.home) : null
  if (!row || row.communityId !== actor.communityId || !canSeeModerated(moderationViewer(actor), row)) throw notFound(PROPOSAL_NOT_FOUND)
  return row
}

export async function lockedProposal(repos: Repositories, actor: Actor, id: unknown): Promise<ProposalRecord> {
  const key = idOf(id)
  const p = key ? await repos.proposals.findForUpdate(key) : null
  if (!p || p.communityId !== actor.communityId || !canSeeModerated(moderationViewer(actor), p)) throw notFound(PROPOSAL_NOT_FOUND)
  return p
}

/** The article a proposal would change: of a convention I may read, in its version in force. */
async function checkArticle(repos: Repositories, actor: Actor, article: NonNullable<ProposalInput['article']>, at: Date): Promise<void> {
  const convention = idOf(article.conventionId) ? await repos.conventions.find(article.conventionId) : null
  if (!convention || !canSeeConvention(actor, convention)) throw validationError({ article: '要修改的公约不存在' })
  const inForce = versionInForce(await repos.conventions.listVersions([convention.id]), at)
  if (!inForce?.articles.some((a) => a.id === article.articleId)) throw validationError({ article: '要修改的条款不在现行版本中，请重新选择' })
}

/** A proposal as the caller reads it, with its minutes, answer, evaluation and what my household may do. */
export async function proposalView(repos: Repositories, caller: Caller, row: ProposalRow, now: Date): Promise<Proposal> {
  const { actor } = caller
  const adopted: ProposalStatus[] = ['adopted', 'done']
  const [minutes, progress, ratings, merged, articleView] = await Promise.all([
    repos.proposals.listMinutes(row.id),
    adopted.includes(row.status) ? repos.proposals.listProgress(row.id) : Promise.resolve([]),
    row.status === 'done' ? repos.proposals.listRatings(row.id) : Promise.resolve([]),
    row.answer?.mergedIntoId ? repos.proposals.find(row.answer.mergedIntoId) : Promise.resolve(null),
    articleOf(repos, row, now),
  ])
  const sees = await photoSight(repos, actor, [...row.photoIds, ...minutes.flatMap((m) => m.photoIds), ...progress.flatMap((u) => u.photoIds)])
  const myRating = actor.home ? ratings.find((r) => householdKey(r) === householdKey(actor.home!)) : undefined
  const cosignRefusal = row.cosignedByViewer ? '您家已附议' : refuseCosign(actor, { ...row, author: row.authorHome }, now)?.message
  const count = (level: (typeof RATING_LEVELS)[number]) => ratings.filter((r) => r.level === level).length
  const { answer } = row
  return {
    ...summaryOf(row, actor, now),
    body: row.body,
    photos: photosOf(caller, row.photoIds, sees),
    ...(articleView ? { article: articleView } : {}),
    ...(answer
      ? { answer: { kind: answer.kind, reason: answer.reason, ...(merged ? { mergedInto: { id: merged.id, title: merged.title } } : {}), at: answer.at, byName: answer.byName } }
      : {}),
    minutes: minutes.map((m) => ({ id: m.id, text: m.text, photos: photosOf(caller, m.photoIds, sees), at: m.at, byName: m.byName })),
    ...(row.voteId ? { voteId: row.voteId } : {}),
    ...(adopted.includes(row.status)
      ? {
          evaluation: {
            responsible: row.responsible ?? '',
            percent: progress.length > 0 ? progress[progress.length - 1].percent : 0,
            updates: progress.map((u) => ({ id: u.id, percent: u.percent, text: u.text, photos: photosOf(caller, u.photoIds, sees), at: u.at, byName: u.byName })),
            ratings: {
              satisfied: count('satisfied'),
              basically_satisfied: count('basically_satisfied'),
              unsatisfied: count('unsatisfied'),
              ...(myRating ? { mine: { level: myRating.level, byName: myRating.userName } } : {}),
            },
          },
        }
      : {}),
    canCosign: cosignRefusal === undefined,
    ...(cosignRefusal !== undefined ? { cosignRefusal } : {}),
    canRate: !myRating && refuseRate(actor, row) === null,
  }
}

async function articleOf(repos: Repositories, row: ProposalRow, now: Date): Promise<Proposal['article'] | undefined> {
  if (!row.article) return undefined
  const convention = await repos.conventions.find(row.article.conventionId)
  if (!convention) return undefined
  const versions = await repos.conventions.listVersions([convention.id])
  const source = versionInForce(versions, now)?.articles.find((a) => a.id === row.article!.articleId) ?? versions.flatMap((v) => v.articles).find((a) => a.id === row.article!.articleId)
  return { conventionId: convention.id, conventionTitle: convention.title, articleId: row.article.articleId, number: source?.number ?? 0, proposedText: row.article.proposedText }
}

