import type { CommunityDirectory, DemoAccount, Session, User } from '../../../types/domain'
import { isHandler } from '../../domain/actor'
import { WeChatLoginError, type Caller, type Log, type Runtime, type WeChatCodeSource, type WeChatLogin } from '../context'
import { ApiError, notFound, requireCommunity } from '../errors'
import type { Store } from '../ports'

export interface SessionOptions {
  /** How long a session lasts. */
  ttlHours: number
  /** Demo accounts and demo sign-in are offered (they answer not_found otherwise). */
  demo: boolean
  /** WeChat sign-in; absent: not_supported. */
  weChat?: WeChatLogin
  /**
   * Keep recently seen sessions this long (0: ask the store every time). The server uses 30 s so a
   * signed-in request costs no extra round trip; signing out here drops the entry at once. Other
   * processes drop theirs when told through `changes` (ADR 0030); without it, another process may
   * honour a signed-out token until it expires from its cache.
   */
  cacheMs: number
  /** Where an upstream failure (WeChat down, timing out) is told; its message holds no secret. */
  log?: Log
  /**
   * Tells the other processes over the same store what this one dropped from its cache (a session
   * ended, a person changed), so they drop it too (`dropChange`). Absent: one process, nothing to tell.
   */
  changes?: SessionChanges
}

/** What one process tells the others' session caches to forget: a session (by its token's hash), or everything cached of a person. */
export type SessionChange = { kind: 'session'; tokenHash: string } | { kind: 'user'; userId: string }

/** The way out to the other processes (the server: PostgreSQL's NOTIFY). A failure to tell is logged, never the caller's. */
export interface SessionChanges {
  publish(change: SessionChange): Promise<void>
}

/** A change told by another process, checked as it comes from outside (a malformed one is null). */
export function parseSessionChange(value: unknown): SessionChange | null {
  if (typeof value !== 'object' || value === null) return null
  const { kind, tokenHash, userId } = value as Record<string, unknown>
  if (kind === 'session' && typeof tokenHash === 'string' && tokenHash !== '') return { kind, tokenHash }
  if (kind === 'user' && typeof userId === 'string' && userId !== '') return { kind, userId }
  return null
}

const CACHE_MAX = 10_000

/** Sign-in (demo accounts, WeChat), bearer sessions and the community directory. */
export class SessionService {
  private readonly recent = new Map<string, { found: { user: User; expiresAt: string }; until: number }>()
  /**
   * Bumped by every drop: a store read that began before a drop is not cached (it may hold what
   * the drop was about, read just before the change committed).
   */
  private drops = 0
  /** While true nothing is cached (the server: the channel telling other processes' drops is down). */
  private paused = false

  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly options: SessionOptions,
  ) {}

  async listDemoAccounts(): Promise<DemoAccount[]> {
    if (!this.options.demo) throw notFound('演示登录未开启')
    return this.store.users.listDemoAccounts()
  }

  async signInDemo(userId: string): Promise<Session> {
    if (!this.options.demo) throw notFound('演示登录未开启')
    const user = typeof userId === 'string' ? await this.store.users.findDemo(userId) : null
    if (!user) throw notFound('该演示账号不存在')
    return this.open(user)
  }

  /**
   * Sign in with a WeChat code. A web-authorization openid belongs to another app id than the
   * mini-program's, so it is kept as `web:<openid>` (the same person on both is two accounts until
   * unionid binding is configured).
   */
  async signInWeChat(code: string, source: WeChatCodeSource = 'miniprogram'): Promise<Session> {
    const weChat = this.options.weChat
    if (!weChat) throw new ApiError('not_supported', '服务器未开通微信登录')
    const exchange = source === 'web' ? weChat.webCode?.bind(weChat) : weChat.code2Session.bind(weChat)
    if (!exchange) throw new ApiError('not_supported', '服务器未开通微信网页登录，请在微信小程序中使用')
    let openid: string
    try {
      const found = (await exchange(code)).openid
      openid = source === 'web' ? `web:${found}` : found
    } catch (error) {
      if (!(error instanceof WeChatLoginError)) throw error
      if (error.reason === 'invalid_code') throw new ApiError('unauthorized', '微信登录凭证无效或已过期，请重新登录')
      if (error.reason === 'rate_limited') throw new ApiError('rate_limited', '微信登录太频繁，请稍后再试', { retryAfterMs: 60_000 })
      this.options.log?.warn({ reason: error.reason, source }, error.message)
      throw new ApiError('server', '微信服务暂时不可用，请稍后再试', { upstream: true })
    }
    // A new person has no community yet: the app asks them to pick theirs, then claim their home.
    const user = await this.store.users.upsertWeChatUser({ id: this.rt.newId('u'), openid, name: '微信用户', at: this.rt.now().toISOString() })
    return this.open(user)
  }

  private async open(user: User): Promise<Session> {
    const token = this.rt.newToken()
    const now = this.rt.now()
    const expiresAt = new Date(now.getTime() + this.options.ttlHours * 3_600_000).toISOString()
    await this.store.sessions.insert({ tokenHash: this.rt.hashToken(token), userId: user.id, createdAt: now.toISOString(), expiresAt })
    // Housekeeping on the rare path (sign-in), never on every request.
    await this.store.sessions.deleteExpired(now.toISOString())
    return { token, user, expiresAt }
  }

  /** The session a bearer token stands for, or null when unknown or expired. */
  async authenticate(token: string | null | undefined): Promise<Session | null> {
    if (typeof token !== 'string' || token === '') return null
    const hash = this.rt.hashToken(token)
    const now = this.rt.now().getTime()
    const cached = this.recent.get(hash)
    if (cached && cached.until > now && Date.parse(cached.found.expiresAt) > now) {
      return { token, user: cached.found.user, expiresAt: cached.found.expiresAt }
    }
    this.recent.delete(hash)
    const drops = this.drops
    const found = await this.store.sessions.find(hash, new Date(now).toISOString())
    if (!found) return null
    if (this.options.cacheMs > 0 && !this.paused && drops === this.drops) {
      if (this.recent.size >= CACHE_MAX) this.recent.clear()
      this.recent.set(hash, { found, until: now + this.options.cacheMs })
    }
    return { token, user: found.user, expiresAt: found.expiresAt }
  }

  async signOut(token: string | null | undefined): Promise<void> {
    if (typeof token !== 'string' || token === '') return
    const hash = this.rt.hashToken(token)
    this.dropSession(hash)
    await this.store.sessions.delete(hash)
    // After the delete: a process that re-reads the session on this news finds it gone.
    await this.tell({ kind: 'session', tokenHash: hash })
  }

  /**
   * Forget what the cache holds for a person, so their next request re-reads them (a role revoked,
   * a household approved or left, an account deleted take effect at once in this process, and in
   * the others as soon as they hear of it). Called after the change committed.
   */
  forgetUser(userId: string): void {
    this.dropUser(userId)
    void this.tell({ kind: 'user', userId })
  }

  /** Another process's change: dropped here too (not told again). */
  dropChange(change: SessionChange): void {
    if (change.kind === 'session') this.dropSession(change.tokenHash)
    else this.dropUser(change.userId)
  }

  /**
   * Drop every cached session, and with `pause`, cache none until called again with `false`: the
   * server pauses while it cannot hear the other processes' changes (and drops all on reconnecting,
   * as some may have been missed).
   */
  dropAll(pause?: boolean): void {
    this.drops++
    this.recent.clear()
    if (pause !== undefined) this.paused = pause
  }

  private dropSession(hash: string): void {
    this.drops++
    this.recent.delete(hash)
  }

  private dropUser(userId: string): void {
    this.drops++
    for (const [hash, entry] of this.recent) if (entry.found.user.id === userId) this.recent.delete(hash)
  }

  private async tell(change: SessionChange): Promise<void> {
    if (!this.options.changes) return
    try {
      await this.options.changes.publish(change)
    } catch (error) {
      // The change itself is stored; other processes' caches let it through until their entry expires.
      this.options.log?.warn({ err: error, change: change.kind }, 'sessions: could not tell the other processes of a change')
    }
  }

  /** The caller's community: places, categories, and for handlers who a report can be assigned to. */
  async community(caller: Caller): Promise<CommunityDirectory> {
    const id = requireCommunity(caller.actor)
    const community = await this.store.directory.findCommunity(id)
    if (!community) throw notFound('社区不存在')
    const [grids, buildings, departments, categories, handlers] = await Promise.all([
      this.store.directory.listGrids(id),
      this.store.directory.listBuildings(id),
      this.store.directory.listDepartments(id),
      this.store.directory.listCategories(id),
      isHandler(caller.actor) ? this.store.users.listHandlers(id) : Promise.resolve([]),
    ])
    return {
      community,
      grids,
      buildings,
      departments,
      categories,
      handlers: handlers.map((u) => ({ id: u.id, name: u.name, roles: u.roles, gridIds: u.gridIds })),
    }
  }
}
