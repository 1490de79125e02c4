import { makeAutoObservable, runInAction } from 'mobx'
import type { AuditAction, AuditEvent, Community, Id } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { messageOf } from '../api/errors'
import { PagedList } from './paged-list'
import type { OnSignOut } from './sign-out'

const PAGE = 20

/**
 * The audit log (操作记录, issue 13): staff actions that matter to residents, newest first, filtered
 * by action. Staff and admins read their community's; a street officer picks one of the street's
 * communities (`communities.listStreet`), as on the dashboard.
 */
export class AuditLogStore {
  readonly list: PagedList<AuditEvent>
  /** The action shown; null: every action. */
  action: AuditAction | null = null
  /** Whether the reader is a street officer (who names the community): set by the page. */
  street = false
  communities: Community[] = []
  communitiesError: string | null = null
  /** The community shown to a street officer. */
  communityId: Id | null = null

  constructor(
    private readonly api: Pick<ApiClient, 'audit' | 'capabilities'> & Partial<Pick<ApiClient, 'communities'>>,
    onSignOut: OnSignOut,
  ) {
    // Newest first, as the backend answers (its keyset order: time, then id).
    this.list = new PagedList<AuditEvent>(
      (cursor) =>
        this.api.audit.list({
          limit: PAGE,
          ...(this.action ? { action: this.action } : {}),
          ...(this.street && this.communityId ? { communityId: this.communityId } : {}),
          ...(cursor ? { cursor } : {}),
        }),
      (a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : a.at < b.at ? 1 : -1),
    )
    makeAutoObservable<AuditLogStore, 'api'>(this, { api: false, list: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.audit
  }

  get items(): AuditEvent[] {
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

  /** A street officer's community shown. */
  get community(): Community | undefined {
    return this.communities.find((c) => c.id === this.communityId)
  }

  /** The first page, once; a street officer's communities first (the log needs one of them). */
  async load(options: { street: boolean }): Promise<void> {
    if (!this.available) return
    if (this.street !== options.street) {
      this.street = options.street
      this.list.clear()
    }
    if (this.list.loaded) return
    await this.refresh()
  }

  async refresh(): Promise<void> {
    if (!this.available) return
    if (this.street && !this.communityId) {
      await this.loadCommunities()
      if (!this.communityId) return
    }
    await this.list.refresh()
  }

  loadMore(): Promise<void> {
    return this.list.loadMore()
  }

  /** Show one kind of action (null: all of them). */
  async setAction(action: AuditAction | null): Promise<void> {
    if (action === this.action && this.list.loaded) return
    this.action = action
    this.list.clear()
    await this.refresh()
  }

  /** A street officer shows another of the street's communities. */
  async setCommunity(communityId: Id): Promise<void> {
    if (communityId === this.communityId && this.list.loaded) return
    this.communityId = communityId
    this.list.clear()
    await this.refresh()
  }

  private async loadCommunities(): Promise<void> {
    try {
      if (!this.api.communities) throw new Error('当前后端暂不支持查看街道的社区')
      const communities = await this.api.communities.listStreet()
      runInAction(() => {
        this.communities = communities
        this.communitiesError = null
        if (!communities.some((c) => c.id === this.communityId)) this.communityId = communities[0]?.id ?? null
      })
    } catch (error) {
      runInAction(() => (this.communitiesError = messageOf(error)))
    }
  }

  clear(): void {
    this.list.clear()
    this.action = null
    this.street = false
    this.communities = []
    this.communitiesError = null
    this.communityId = null
  }
}
