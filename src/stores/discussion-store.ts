import { makeAutoObservable, runInAction } from 'mobx'
import type { ContributionInput } from '../../types/api'
import type { Contribution, DiscussionSubject, Stance, StanceCounts } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { DISCUSSION_LIMITS, subjectKey, validateContribution } from '../domain/consultation/deliberation'
import { cleanText, textLength } from '../domain/text'
import { hasErrors, type FieldErrors } from '../domain/validation'
import { randomId } from '../platform/ids'
import { PagedList } from './paged-list'
import type { OnSignOut } from './sign-out'

const PAGE_SIZE = 30

export type ContributeOutcome = { ok: true; contribution: Contribution } | { ok: false; message: string; fields: FieldErrors }

/** A contribution as the page draws it: top-level ones oldest first, each followed by its replies. */
export interface ThreadedContribution {
  contribution: Contribution
  /** A reply (drawn indented under its parent). */
  reply: boolean
}

const byTime = (a: Contribution, b: Contribution) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1)

/** 民事民议: one discussion (a proposal's, an article's, a disclosure's questions), contributing, replying, hiding. */
export class DiscussionStore {
  subject: DiscussionSubject | null = null
  stances: StanceCounts = { for: 0, against: 0, neutral: 0 }
  sending = false
  /** The contribution being hidden, if any. */
  hiding: string | null = null
  /** The idempotency key of what is being written: kept across retries, renewed after it is sent. */
  private composeKey = randomId('ck_')
  private readonly list: PagedList<Contribution>

  constructor(
    private readonly api: Pick<ApiClient, 'conventions' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    this.list = new PagedList(async (cursor) => {
      const subject = this.subject
      if (!subject) return { items: [] }
      const page = await api.conventions.listContributions(subject, { ...(cursor ? { cursor } : {}), limit: PAGE_SIZE })
      // The stances are the discussion's as a whole: the latest page's count is the freshest.
      runInAction(() => {
        if (this.subject && subjectKey(this.subject) === subjectKey(subject)) this.stances = page.stances
      })
      return page
    }, byTime)
    makeAutoObservable<DiscussionStore, 'api' | 'list' | 'composeKey'>(this, { api: false, list: false, composeKey: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers conventions and consultation at all. */
  get available(): boolean {
    return this.api.capabilities.conventions
  }

  get items(): Contribution[] {
    return this.list.items
  }

  /** Top-level contributions oldest first, each followed by its replies (oldest first). */
  get threaded(): ThreadedContribution[] {
    const items = this.list.items
    const ids = new Set(items.map((c) => c.id))
    const replies = new Map<string, Contribution[]>()
    for (const c of items) {
      if (c.parentId && ids.has(c.parentId)) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c])
    }
    const out: ThreadedContribution[] = []
    for (const c of items) {
      if (c.parentId && ids.has(c.parentId)) continue
      out.push({ contribution: c, reply: Boolean(c.parentId) })
      for (const r of replies.get(c.id) ?? []) out.push({ contribution: r, reply: true })
    }
    return out
  }

  get loaded(): boolean {
    return this.list.loaded
  }

  get loading(): boolean {
    return this.list.loading
  }

  get loadingMore(): boolean {
    return this.list.loadingMore
  }

  get error(): string | null {
    return this.list.error
  }

  get hasMore(): boolean {
    return this.list.hasMore
  }

  /** Open a discussion: another subject starts afresh; the same one is read again. */
  async open(subject: DiscussionSubject): Promise<void> {
    if (!this.subject || subjectKey(this.subject) !== subjectKey(subject)) {
      this.list.clear()
      this.subject = subject
      this.stances = { for: 0, against: 0, neutral: 0 }
      this.composeKey = randomId('ck_')
    }
    await this.list.refresh()
  }

  refresh(): Promise<boolean> {
    return this.list.refresh()
  }

  loadMore(): Promise<void> {
    return this.list.loadMore()
  }

  /**
   * Speak in the open discussion (a reply when `parentId` is given), checked with the domain's
   * rules first. `official`: the writer speaks for the community (staff), who need no stance.
   */
  async contribute(input: { body: string; stance?: Stance; parentId?: string }, official: boolean): Promise<ContributeOutcome> {
    const subject = this.subject
    if (!subject) return { ok: false, message: '讨论不存在', fields: {} }
    if (this.sending) return { ok: false, message: '正在发送，请稍候', fields: {} }
    const body: ContributionInput = {
      body: cleanText(input.body),
      ...(input.stance && !input.parentId ? { stance: input.stance } : {}),
      ...(input.parentId ? { parentId: input.parentId } : {}),
    }
    const fields = validateContribution(body, subject, official)
    if (hasErrors(fields)) return { ok: false, message: Object.values(fields)[0], fields }
    this.sending = true
    try {
      const contribution = await this.api.conventions.contribute(subject, body, { idempotencyKey: this.composeKey })
      runInAction(() => {
        this.composeKey = randomId('ck_')
        if (!this.subject || subjectKey(this.subject) !== subjectKey(subject)) return
        const known = this.list.items.some((c) => c.id === contribution.id)
        this.list.update((items) => (known ? items : [...items, contribution]))
        if (!known && contribution.stance && !contribution.parentId && !contribution.hidden) {
          this.stances = { ...this.stances, [contribution.stance]: this.stances[contribution.stance] + 1 }
        }
      })
      return { ok: true, contribution }
    } catch (error) {
      const fields = isApiError(error) ? error.fields : {}
      // Refused for what was written: the corrected text goes under a new key.
      if (Object.keys(fields).length) runInAction(() => (this.composeKey = randomId('ck_')))
      return { ok: false, message: messageOf(error), fields }
    } finally {
      runInAction(() => (this.sending = false))
    }
  }

  /** Staff: hide with a reason (shown as hidden, never removed). */
  async hide(id: string, reason: string): Promise<ContributeOutcome> {
    const text = cleanText(reason)
    if (textLength(text) < DISCUSSION_LIMITS.hideReasonMin || textLength(text) > DISCUSSION_LIMITS.hideReasonMax) {
      const message = `请写明隐藏的理由（${DISCUSSION_LIMITS.hideReasonMin}–${DISCUSSION_LIMITS.hideReasonMax}字），大家会看到`
      return { ok: false, message, fields: { reason: message } }
    }
    if (this.hiding) return { ok: false, message: '正在提交，请稍候', fields: {} }
    this.hiding = id
    try {
      const hidden = await this.api.conventions.hideContribution(id, text)
      runInAction(() => {
        const before = this.list.items.find((c) => c.id === id)
        this.list.update((items) => items.map((c) => (c.id === id ? hidden : c)))
        if (before && !before.hidden && before.stance && !before.parentId) {
          this.stances = { ...this.stances, [before.stance]: Math.max(0, this.stances[before.stance] - 1) }
        }
      })
      return { ok: true, contribution: hidden }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.hiding = null))
    }
  }

  clear(): void {
    this.list.clear()
    this.subject = null
    this.stances = { for: 0, against: 0, neutral: 0 }
    this.sending = false
    this.hiding = null
    this.composeKey = randomId('ck_')
  }
}
