import { makeAutoObservable, runInAction } from 'mobx'
import type { CommunitySummary, Id, Member, Role } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { messageOf } from '../api/errors'
import { loadInto } from './load-into'
import type { OnSignOut } from './sign-out'

/** The community's code to show or print, with its mini-program code when the backend can draw one. */
export interface JoinCode {
  code: string
  community: CommunitySummary
  dataUrl?: string
}

/** The key of one role of one person (a row's 取消角色). */
export const roleKey = (userId: Id, role: Role): string => `${userId}:${role}`

/** People with roles in the community, taking a role away; the community's own code (社区码). */
export class PeopleStore {
  members: Member[] = []
  loaded = false
  loading = false
  error: string | null = null
  /** The role (roleKey) being taken away. */
  busyKey: string | null = null
  /** Why taking a role away was refused, by roleKey. */
  rowErrors: Record<string, string> = {}

  joinCode: JoinCode | null = null
  joinCodeLoading = false
  joinCodeError: string | null = null

  constructor(
    private readonly api: Pick<ApiClient, 'people' | 'communities' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<PeopleStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.membership
  }

  async load(): Promise<void> {
    if (!this.available) return
    await loadInto(this, () => this.api.people.list(), (members) => (this.members = members))
  }

  /** Take one role away; the core's refusal is kept at the role's row. */
  async revoke(userId: Id, role: Role): Promise<boolean> {
    if (this.busyKey) return false
    const key = roleKey(userId, role)
    this.busyKey = key
    delete this.rowErrors[key]
    try {
      const members = await this.api.people.revokeRole(userId, role)
      runInAction(() => {
        this.members = members
        this.loaded = true
      })
      return true
    } catch (error) {
      runInAction(() => (this.rowErrors[key] = messageOf(error)))
      return false
    } finally {
      runInAction(() => (this.busyKey = null))
    }
  }

  async loadJoinCode(): Promise<void> {
    if (!this.available || this.joinCodeLoading) return
    this.joinCodeLoading = true
    try {
      const code = await this.api.communities.joinCode()
      runInAction(() => {
        this.joinCode = code
        this.joinCodeError = null
      })
    } catch (error) {
      runInAction(() => (this.joinCodeError = messageOf(error)))
    } finally {
      runInAction(() => (this.joinCodeLoading = false))
    }
  }

  clear(): void {
    this.members = []
    this.loaded = false
    this.loading = false
    this.error = null
    this.busyKey = null
    this.rowErrors = {}
    this.joinCode = null
    this.joinCodeLoading = false
    this.joinCodeError = null
  }
}
