import { makeAutoObservable, runInAction } from 'mobx'
import type { DemoAccount, Role, User } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { messageOf } from '../api/errors'

export type SessionStatus = 'unknown' | 'signed_out' | 'signed_in'

/** Who is signed in. Other stores follow `user` to load and clear what belongs to them. */
export class SessionStore {
  user: User | null = null
  status: SessionStatus = 'unknown'
  demoAccounts: DemoAccount[] = []
  busy = false
  error: string | null = null

  constructor(private readonly api: Pick<ApiClient, 'session' | 'capabilities'>) {
    makeAutoObservable<SessionStore, 'api'>(this, { api: false }, { autoBind: true })
  }

  get canUseDemoSignIn(): boolean {
    return this.api.capabilities.demoSignIn
  }

  hasRole(role: Role): boolean {
    return this.user?.roles.includes(role) ?? false
  }

  get isHandler(): boolean {
    return this.hasRole('staff') || this.hasRole('grid_worker')
  }

  async restore(): Promise<void> {
    const session = await this.api.session.current().catch(() => null)
    runInAction(() => {
      this.user = session?.user ?? null
      this.status = session ? 'signed_in' : 'signed_out'
    })
  }

  async loadDemoAccounts(): Promise<void> {
    if (!this.canUseDemoSignIn) return
    try {
      const accounts = await this.api.session.listDemoAccounts()
      runInAction(() => {
        this.demoAccounts = accounts
        this.error = null
      })
    } catch (error) {
      runInAction(() => (this.error = messageOf(error)))
    }
  }

  get canUseWeChatSignIn(): boolean {
    return this.api.capabilities.wechatSignIn
  }

  /**
   * Whether anyone can sign in on this backend at all. An Open311 city system has no accounts: the
   * phone is who reports, and signing out would leave a sign-in page with nothing on it.
   */
  get canSignIn(): boolean {
    return this.canUseDemoSignIn || this.canUseWeChatSignIn
  }

  signInDemo(userId: string): Promise<boolean> {
    return this.signIn(() => this.api.session.signInDemo(userId))
  }

  /**
   * `code` comes from wx.login (Taro.login), or (`via: 'web'`) from WeChat's web authorization in
   * the H5 app; the server exchanges it, the secret never reaches us.
   */
  signInWithWeChat(code: string, via?: 'miniprogram' | 'web'): Promise<boolean> {
    return this.signIn(() => this.api.session.signInWithWeChat(code, via))
  }

  private async signIn(request: () => Promise<{ user: User }>): Promise<boolean> {
    if (this.busy) return false
    this.busy = true
    this.error = null
    try {
      const session = await request()
      runInAction(() => {
        this.user = session.user
        this.status = 'signed_in'
      })
      return true
    } catch (error) {
      runInAction(() => (this.error = messageOf(error)))
      return false
    } finally {
      runInAction(() => (this.busy = false))
    }
  }

  async signOut(): Promise<void> {
    await this.api.session.signOut().catch(() => undefined)
    runInAction(() => {
      this.user = null
      this.status = 'signed_out'
    })
  }

  /**
   * The signed-in person changed on the backend (joined a community, took an invite's role, had a
   * household approved): the app follows the new answer. Another person's record is ignored.
   */
  replaceUser(user: User): void {
    if (this.user && this.user.id === user.id) this.user = user
  }

  /** Re-read who I am (after a change someone else made: a role revoked, a claim approved). */
  async refresh(): Promise<void> {
    const session = await this.api.session.current().catch(() => null)
    runInAction(() => {
      if (session && this.user && session.user.id === this.user.id) this.user = session.user
    })
  }

  /** Signed in but in no community yet (or a street officer, who serves a street). */
  get needsCommunity(): boolean {
    return this.user !== null && this.user.communityId === null && !this.hasRole('street_staff')
  }

  /** A request answered 401: the session is gone on the backend. */
  expire(): void {
    this.user = null
    this.status = 'signed_out'
  }
}
