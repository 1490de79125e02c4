import { makeAutoObservable, runInAction } from 'mobx'
import type { HouseholdClaim, Id } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { refuseReason } from '../domain/membership'
import { PagedList } from './paged-list'
import type { OnSignOut } from './sign-out'

/** The three lists a reviewer switches between (withdrawn, left and removed claims are history, not work). */
export type ReviewStatus = 'pending' | 'approved' | 'rejected'

const PAGE = 20
/** How many pending claims the workspace counts before it says "50+". */
const COUNT_LIMIT = 50

/** What a decision came to: done, or the message to show at the claim (a field message for the reason). */
export type Decision = { ok: true; claim: HouseholdClaim } | { ok: false; message: string; field?: 'reason' }

/** Household claims waiting for review (staff: the community; a building leader: their buildings), approve and reject with a reason. */
export class ClaimsReviewStore {
  status: ReviewStatus = 'pending'
  readonly list: PagedList<HouseholdClaim>
  /** Pending claims (at most COUNT_LIMIT counted), for the workspace; null until counted. */
  pendingCount: number | null = null
  pendingMore = false
  /** The claim a decision is on its way for. */
  busyId: Id | null = null
  /** Why a decision on a claim was refused, by claim. */
  rowErrors: Record<Id, string> = {}
  /** The claim whose 驳回 form is open, with the reason as typed (kept while its row scrolls away or the page redraws). */
  rejectingId: Id | null = null
  reason = ''
  reasonError: string | null = null

  constructor(
    private readonly api: Pick<ApiClient, 'households' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    // Oldest first: whoever waited longest is reviewed first (the backend's order, kept after local changes).
    this.list = new PagedList<HouseholdClaim>(
      (cursor) => this.api.households.listClaims({ status: this.status, limit: PAGE, ...(cursor ? { cursor } : {}) }),
      (a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1),
    )
    makeAutoObservable<ClaimsReviewStore, 'api'>(this, { api: false, list: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.membership
  }

  get items(): HouseholdClaim[] {
    return this.list.items
  }

  get loaded(): boolean {
    return this.list.loaded
  }

  get loading(): boolean {
    return this.list.loading
  }

  get error(): string | null {
    return this.list.error
  }

  get hasMore(): boolean {
    return this.list.hasMore
  }

  /** The first page, once (a page shown again refreshes instead). */
  async load(): Promise<void> {
    if (!this.available) return
    if (!this.list.loaded) {
      await this.list.refresh()
      await this.recount()
    }
  }

  async refresh(): Promise<void> {
    if (!this.available) return
    await this.list.refresh()
    await this.recount()
  }

  loadMore(): Promise<void> {
    return this.list.loadMore()
  }

  /** Switch between 待审核, 已通过 and 已驳回. */
  async setStatus(status: ReviewStatus): Promise<void> {
    if (status === this.status && this.list.loaded) return
    this.status = status
    this.rowErrors = {}
    this.list.clear()
    await this.list.refresh()
    if (status === 'pending') await this.recount()
  }

  /** How many claims wait (the workspace's number); quietly nothing when the person reviews none. */
  async countPending(): Promise<void> {
    if (!this.available) return
    try {
      const page = await this.api.households.listClaims({ status: 'pending', limit: COUNT_LIMIT })
      runInAction(() => {
        this.pendingCount = page.items.length
        this.pendingMore = page.nextCursor !== undefined
      })
    } catch {
      runInAction(() => (this.pendingCount = null))
    }
  }

  openReject(claimId: Id): void {
    if (this.rejectingId !== claimId) this.reason = ''
    this.rejectingId = claimId
    this.reasonError = null
  }

  closeReject(): void {
    this.rejectingId = null
    this.reason = ''
    this.reasonError = null
  }

  setReason(text: string): void {
    this.reason = text
    this.reasonError = null
  }

  /** A quick reason tapped: added to what is written. */
  addReason(text: string): void {
    const now = this.reason.trim()
    this.setReason(now ? `${now}；${text}` : text)
  }

  /** Send the open form's reason. */
  async rejectOpen(): Promise<Decision> {
    const claimId = this.rejectingId
    if (!claimId) return { ok: false, message: '请先选择要驳回的申请' }
    const outcome = await this.reject(claimId, this.reason)
    runInAction(() => {
      if (outcome.ok) this.closeReject()
      else if (outcome.field === 'reason') this.reasonError = outcome.message
    })
    return outcome
  }

  approve(claimId: Id): Promise<Decision> {
    return this.decide(claimId, () => this.api.households.approve(claimId))
  }

  /** Reject with a reason the person will see; a reason the rules refuse is not sent. */
  reject(claimId: Id, reason: string): Promise<Decision> {
    const refusal = refuseReason(reason)
    if (refusal) return Promise.resolve({ ok: false, message: refusal.message, field: 'reason' })
    return this.decide(claimId, () => this.api.households.reject(claimId, reason))
  }

  private async decide(claimId: Id, send: () => Promise<HouseholdClaim>): Promise<Decision> {
    if (this.busyId) return { ok: false, message: '正在处理上一条，请稍候' }
    this.busyId = claimId
    delete this.rowErrors[claimId]
    try {
      const claim = await send()
      runInAction(() => {
        const wasPending = this.items.some((c) => c.id === claimId && c.status === 'pending')
        // A decided claim leaves the pending list; another list shows it as it is now.
        this.list.update((items) => (this.status === 'pending' ? items.filter((c) => c.id !== claimId) : items.map((c) => (c.id === claimId ? claim : c))))
        if (wasPending && this.pendingCount !== null && this.pendingCount > 0) this.pendingCount -= 1
      })
      return { ok: true, claim }
    } catch (error) {
      const message = messageOf(error)
      const field = isApiError(error) && error.fields.reason ? ('reason' as const) : undefined
      runInAction(() => {
        if (!field) this.rowErrors[claimId] = message
        // Decided by someone else meanwhile: the list is read again, so the row shows what it is now.
        if (isApiError(error) && (error.kind === 'conflict' || error.kind === 'not_found')) void this.refresh()
      })
      return { ok: false, message, ...(field ? { field } : {}) }
    } finally {
      runInAction(() => (this.busyId = null))
    }
  }

  /** The pending list, when it is shown whole, is the count; otherwise ask. */
  private async recount(): Promise<void> {
    if (this.status === 'pending' && this.list.loaded && !this.list.hasMore && !this.list.error) {
      this.pendingCount = this.list.items.length
      this.pendingMore = false
    } else await this.countPending()
  }

  clear(): void {
    this.status = 'pending'
    this.list.clear()
    this.pendingCount = null
    this.pendingMore = false
    this.busyId = null
    this.rowErrors = {}
    this.rejectingId = null
    this.reason = ''
    this.reasonError = null
  }
}
