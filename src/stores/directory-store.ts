import { makeAutoObservable, runInAction } from 'mobx'
import type { Category } from '../../types/domain'
import type { CommunityDirectory, DirectoryApi } from '../api/client'
import { messageOf } from '../api/errors'
import type { OnSignOut } from './sign-out'

/** The community's reference data: categories, grids, buildings, departments. */
export class DirectoryStore {
  directory: CommunityDirectory | null = null
  loading = false
  error: string | null = null

  constructor(
    private readonly api: DirectoryApi,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<DirectoryStore, 'api'>(this, { api: false }, { autoBind: true })
    // Each community has its own: the next user may live in another one.
    onSignOut(this.clear)
  }

  get categories(): Category[] {
    return this.directory?.categories ?? []
  }

  category(id: string | undefined): Category | undefined {
    return this.categories.find((c) => c.id === id)
  }

  gridName(id: string): string {
    return this.directory?.grids.find((g) => g.id === id)?.name ?? ''
  }

  async load(): Promise<void> {
    if (this.loading) return
    this.loading = true
    try {
      const directory = await this.api.getCommunity()
      runInAction(() => {
        this.directory = directory
        this.error = null
      })
    } catch (error) {
      runInAction(() => (this.error = messageOf(error)))
    } finally {
      runInAction(() => (this.loading = false))
    }
  }

  clear(): void {
    this.directory = null
  }
}
