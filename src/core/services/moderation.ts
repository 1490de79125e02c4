import type { ModerationQuery } from '../../../types/api'
import type { DiscussionSubject, Id, ModerationItem, ModerationKind, Page } from '../../../types/domain'
import type { Actor } from '../../domain/actor'
import { auditSubjectOf } from '../../domain/moderation/audit'
import { canModerate, validateModerationReason } from '../../domain/moderation/rules'
import { encodeCursor } from '../../domain/report-views'
import { cleanText } from '../../domain/text'
import { passEverything, silentLog, type Caller, type ContentCheck, type ContentKind, type ContentVerdict, type Log, type Notifier, type Runtime } from '../context'
import { conflict, forbidden, notFound, requireCommunity, validationError } from '../errors'
import { pageLimit, parseKeyset } from '../paging'
import type { ModerationRow, Repositories, Store } from '../ports'
import { recordAudit } from './audit'

/**
 * Content security (issue 13): the content check before a text others read is written, and the
 * moderation queue where staff and admins decide on the texts it held. Held texts are stored with
 * their mark (`moderation: { status: 'held' }`) and seen only by their author and the community's
 * moderators; approving publishes them (a message takes its place at the end of its thread, a
 * notice is dated then, a proposal's window starts then), refusing leaves them to their author
 * with the reason. Every decision is an audit event, and the author is told.
 */

// The port's kinds and the domain's are the same words (context.ts is the port, types/ the contract):
// every text the content check reads, and a photo the image check held.
const sameKinds: [ContentKind | 'photo', ModerationKind] extends [ModerationKind, ContentKind | 'photo'] ? true : never = true
void sameKinds

export const ITEM_NOT_FOUND = '待审核的内容不存在'
export const MODERATORS_ONLY = '只有社区工作者和管理员可以审核内容'

/** A text the check held: what to store with it in the queue. */
export interface Hold {
  text: string
  reason: string
}

/** Where the content check's refusal is shown: the field that holds the text, and the words. */
export interface Refusal {
  field: string
  message: string
}

/**
 * The content check as the services use it, between their validation and their transaction (a
 * checker may call WeChat: never inside a transaction). A checker that fails or answers nonsense
 * holds the text for a person — never publishes it.
 */
export class ContentScreen {
  constructor(
    private readonly check: ContentCheck,
    private readonly store: Pick<Store, 'users'>,
    private readonly log: Log = silentLog,
  ) {}

  /** Whether texts are checked at all (the default checker passes everything: nothing to ask). */
  get active(): boolean {
    return this.check !== passEverything
  }

  /**
   * Check what `actor` is about to publish in their community: null when it may be published, a
   * hold to store it with when it waits for a moderator; a refusal is thrown as a validation error
   * on `refusal.field`.
   */
  async screen(actor: Actor, kind: ContentKind, text: string, refusal: Refusal): Promise<Hold | null> {
    const communityId = requireCommunity(actor)
    if (!this.active) return null
    // The openid only for a checker that reads it (a word list does not: no read for nothing).
    const openid = this.check.needsOpenid ? await this.openidOf(actor.id) : {}
    const verdict = await this.verdict({ kind, text, communityId, author: { userId: actor.id, ...openid } })
    if (verdict.verdict === 'pass') return null
    if (verdict.verdict === 'reject') throw validationError({ [refusal.field]: refusal.message }, refusal.message)
    return { text, reason: verdict.reason }
  }

  private async verdict(subject: Parameters<ContentCheck['text']>[0]): Promise<ContentVerdict> {
    try {
      const verdict = await this.check.text(subject)
      if (verdict && (verdict.verdict === 'pass' || verdict.verdict === 'review' || verdict.verdict === 'reject')) return verdict
      this.log.warn({ kind: subject.kind, verdict }, 'content check: an answer it does not know; the text is held for review')
      return { verdict: 'review', reason: 'checker:unknown-answer' }
    } catch (error) {
      this.log.warn({ err: error instanceof Error ? error.message : String(error), kind: subject.kind }, 'content check failed; the text is held for review')
      return { verdict: 'review', reason: 'checker:failed' }
    }
  }

  /** The author's WeChat openid, which WeChat's check asks for (none for a demo account). */
  private async openidOf(userId: Id): Promise<{ openid?: string }> {
    const [me] = await this.store.users.findRecipients({ userIds: [userId] })
    return me?.openid ? { openid: me.openid } : {}
  }
}

/** Put a held text in its community's queue (inside the transaction that stores the text itself). */
export async function holdText(
  tx: Repositories,
  rt: Runtime,
  held: { kind: ModerationKind; subjectId: Id; context?: string; communityId: Id; authorId: Id; hold: Hold; at: string },
): Promise<void> {
  await tx.moderation.insert({
    id: rt.newId('mq'),
    communityId: held.communityId,
    kind: held.kind,
    subjectId: held.subjectId,
    ...(held.context !== undefined ? { context: held.context } : {}),
    authorId: held.authorId,
    text: held.hold.text,
    checkerReason: held.hold.reason,
    status: 'held',
    createdAt: held.at,
  })
}

/** The moderation queue: list, approve, refuse — staff and admins of the community, on its items only. */
export class ModerationService {
  private pending: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly options: { notifier: Notifier; log: Log },
  ) {}

  /** The community's held texts, oldest first (who waits longest first). */
  async list(caller: Caller, query: ModerationQuery = {}): Promise<Page<ModerationItem>> {
    const communityId = moderatedCommunity(caller.actor)
    const limit = pageLimit(query)
    const rows = await this.store.moderation.listHeld(communityId, parseKeyset(query?.cursor), limit + 1)
    const items = rows.slice(0, limit)
    return { items: items.map((r) => itemView(r, caller.photoUrl)), ...(rows.length > limit ? { nextCursor: encodeCursor(items[items.length - 1]) } : {}) }
  }

  /** Publish a held text: others see it from now on, its author is told. */
  async approve(caller: Caller, id: unknown): Promise<ModerationItem> {
    return this.decide(caller, id, null)
  }

  /** Refuse a held text with a reason its author reads; nobody else ever sees it. */
  async reject(caller: Caller, id: unknown, reason: unknown): Promise<ModerationItem> {
    return this.decide(caller, id, reason === undefined ? '' : reason)
  }

  /** Resolves when every notification started so far has been handed to the notifier (tests). */
  settled(): Promise<void> {
    return this.pending.then(() => undefined)
  }

  private async decide(caller: Caller, id: unknown, reason: unknown | null): Promise<ModerationItem> {
    const { actor } = caller
    const communityId = moderatedCommunity(actor)
    const refusing = reason !== null
    const at = this.rt.now().toISOString()
    const decided = await this.store.transaction(async (tx) => {
      const item = typeof id === 'string' && id.length <= 64 ? await tx.moderation.findForUpdate(id) : null
      if (!item || item.communityId !== communityId) throw notFound(ITEM_NOT_FOUND)
      if (item.status !== 'held') throw conflict('这条内容已经审核过了')
      let why: string | undefined
      if (refusing) {
        const problem = validateModerationReason(reason)
        if (problem) throw validationError({ reason: problem })
        why = cleanText(reason as string)
      }
      const status = refusing ? 'rejected' : 'approved'
      if (!(await tx.moderation.decide(item.id, { status, at, byId: actor.id, ...(why !== undefined ? { reason: why } : {}) }))) throw conflict('这条内容已经审核过了')
      if (item.kind === 'photo') {
        // A photo's check is its mark: passed, others see it; rejected, only staff and grid workers do.
        await tx.photos.setCheck(item.subjectId, { state: refusing ? 'reject' : 'pass', reason: `decided:${actor.id}`, at }, { ifPending: false })
      } else {
        await tx.moderation.settle(item.kind, item.subjectId, why !== undefined ? { published: false, reason: why, at } : { published: true, at })
      }
      await recordAudit(tx, this.rt, actor, communityId, {
        action: refusing ? 'moderation.reject' : 'moderation.approve',
        subject: { kind: auditSubjectOf(item.kind), id: item.subjectId },
        concerns: item.authorId,
        ...(why !== undefined ? { note: why } : {}),
        details: { item: item.id, kind: item.kind },
        at,
      })
      return (await tx.moderation.find(item.id))!
    })
    this.tell(decided)
    return itemView(decided, caller.photoUrl)
  }

  /** Tell the author what became of their text, after the decision committed (never failing it). */
  private tell(item: ModerationRow): void {
    const { notifier, log } = this.options
    const send = notifier.moderation?.bind(notifier)
    if (!send) return
    const approved = item.status === 'approved'
    const run = (async () => {
      const [author] = await this.store.users.findRecipients({ userIds: [item.authorId] })
      if (!author) return
      await send({
        recipient: { userId: author.id, ...(author.openid ? { openid: author.openid } : {}) },
        decision: approved ? 'approved' : 'rejected',
        subject: { kind: item.kind, id: item.subjectId },
        at: item.decidedAt ?? this.rt.now().toISOString(),
        note: item.kind === 'photo'
          ? approved
            ? '照片审核通过，大家可以看到了'
            : '照片未通过审核，只有工作人员可见'
          : approved
            ? '审核通过，已发布'
            : `未通过审核：${Array.from(item.reason ?? '').slice(0, 14).join('')}`,
      })
    })().catch((error: unknown) => log.warn({ err: error, item: item.id }, 'notify: the moderation notice failed (the decision stands)'))
    this.pending = this.pending.then(() => run)
  }
}

/** The caller's community, when they moderate it (403 otherwise, whatever the object). */
function moderatedCommunity(actor: Actor): Id {
  const communityId = requireCommunity(actor)
  if (!canModerate(actor)) throw forbidden(MODERATORS_ONLY)
  return communityId
}

/** `proposal:pp_1` → the discussion's subject (as `subjectKey` wrote it). */
function discussionOf(key: string): DiscussionSubject | undefined {
  const [kind, a, b] = key.split(':')
  if (kind === 'article' && a && b) return { kind: 'article', conventionId: a, articleId: b }
  if ((kind === 'proposal' || kind === 'disclosure') && a) return { kind, id: a }
  return undefined
}

export function itemView(r: ModerationRow, photoUrl: (id: Id) => string): ModerationItem {
  const discussion = (r.kind === 'contribution' || r.kind === 'question') && r.context ? discussionOf(r.context) : undefined
  return {
    id: r.id,
    communityId: r.communityId,
    kind: r.kind,
    subject: { id: r.subjectId, ...(r.kind === 'message' && r.context ? { threadId: r.context } : {}), ...(discussion ? { discussion } : {}) },
    authorId: r.authorId,
    authorName: r.authorName,
    text: r.text,
    ...(r.kind === 'photo' ? { photo: { id: r.subjectId, url: photoUrl(r.subjectId) } } : {}),
    heldFor: r.checkerReason,
    status: r.status,
    createdAt: r.createdAt,
    ...(r.decidedAt ? { decidedAt: r.decidedAt } : {}),
    ...(r.decidedByName !== undefined ? { decidedByName: r.decidedByName } : {}),
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
  }
}
