import { makeAutoObservable, runInAction } from 'mobx'
import type { DashboardStats } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { messageOf } from '../api/errors'
import type { OnSignOut } from './sign-out'

const DAY = 86_400_000

export type DashboardRange = 7 | 30

/** The staff dashboard for the last 7 or 30 days, computed by the backend from the reports. */
export class DashboardStore {
  days: DashboardRange = 7
  stats: DashboardStats | null = null
  loading = false
  error: string | null = null
  private generation = 0

  constructor(
    private readonly api: Pick<ApiClient, 'dashboard' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<DashboardStore, 'api' | 'generation'>(this, { api: false, generation: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.dashboard
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
      const stats = await this.api.dashboard.get({ from, to })
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
  }
}
