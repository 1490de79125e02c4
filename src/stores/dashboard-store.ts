import { makeAutoObservable, runInAction } from 'mobx'
import type { Community, DashboardStats, Id } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { ApiError, messageOf } from '../api/errors'
import type { OnSignOut } from './sign-out'

const DAY = 86_400_000

export type DashboardRange = 7 | 30

/**
 * The staff dashboard for the last 7 or 30 days, computed by the backend from the reports. A street
 * officer (街道) picks which of the street's communities it shows (`communities.listStreet`).
 */
export class DashboardStore {
  days: DashboardRange = 7
  stats: DashboardStats | null = null
  loading = false
  error: string | null = null
  /** A street officer's communities; empty for staff (their own community is the only one). */
  communities: Community[] = []
  communitiesLoaded = false
  communitiesError: string | null = null
  /** The community shown to a street officer; null: the caller's own (staff). */
  communityId: Id | null = null
  private generation = 0

  constructor(
    /** `communities` is needed only for a street officer's picker. */
    private readonly api: Pick<ApiClient, 'dashboard' | 'capabilities'> & Partial<Pick<ApiClient, 'communities'>>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<DashboardStore, 'api' | 'generation'>(this, { api: false, generation: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.dashboard
  }

  /** The community shown, for a street officer's picker. */
  get community(): Community | undefined {
    return this.communities.find((c) => c.id === this.communityId)
  }

  /** A street officer: read the street's communities and show the first unless one is chosen. */
  async loadCommunities(): Promise<void> {
    if (!this.available) return
    try {
      if (!this.api.communities) throw new ApiError('not_supported', '当前后端暂不支持查看街道的社区')
      const communities = await this.api.communities.listStreet()
      runInAction(() => {
        this.communities = communities
        this.communitiesLoaded = true
        this.communitiesError = null
        if (!communities.some((c) => c.id === this.communityId)) this.communityId = communities[0]?.id ?? null
      })
    } catch (error) {
      runInAction(() => (this.communitiesError = messageOf(error)))
    }
  }

  /** Show another of the street's communities. */
  setCommunity(communityId: Id, now: Date = new Date()): Promise<void> {
    if (communityId === this.communityId && this.stats) return Promise.resolve()
    this.communityId = communityId
    this.stats = null
    return this.load(now)
  }

  setDays(days: DashboardRange, now: Date = new Date()): Promise<void> {
    this.days = days
    return this.load(now)
  }

  async load(now: Date = new Date()): Promise<void> {
    if (!this.available) return
    const generation = ++this.generation
    this.loading = true
    const to = now.toISOString()
    const from = new Date(now.getTime() - this.days * DAY).toISOString()
    try {
      const stats = await (this.communityId ? this.api.dashboard.get({ from, to }, this.communityId) : this.api.dashboard.get({ from, to }))
      runInAction(() => {
        if (generation !== this.generation) return
        this.stats = stats
        this.error = null
      })
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.error = messageOf(error)
      })
    } finally {
      runInAction(() => {
        if (generation === this.generation) this.loading = false
      })
    }
  }

  clear(): void {
    this.generation += 1
    this.days = 7
    this.stats = null
    this.error = null
    this.loading = false
    this.communities = []
    this.communitiesLoaded = false
    this.communitiesError = null
    this.communityId = null
  }
}
