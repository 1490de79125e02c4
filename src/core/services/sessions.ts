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
   * signed-in request costs no extra round trip; signing out here drops the entry at once, another
   * process may honour a signed-out token until it expires from its cache.
   */
  cacheMs: number
  /** Where an upstream failure (WeChat down, timing out) is told; its message holds no secret. */
  log?: Log
}

const CACHE_MAX = 10_000

/** Sign-in (demo accounts, WeChat), bearer sessions and the community directory. */
export class SessionService {
  private readonly recent = new Map<string, { found: { user: User; expiresAt: string }; until: number }>()

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
    const found = await this.store.sessions.find(hash, new Date(now).toISOString())
    if (!found) return null
    if (this.options.cacheMs > 0) {
      if (this.recent.size >= CACHE_MAX) this.recent.clear()
      this.recent.set(hash, { found, until: now + this.options.cacheMs })
    }
    return { token, user: found.user, expiresAt: found.expiresAt }
  }

  async signOut(token: string | null | undefined): Promise<void> {
    if (typeof token !== 'string' || token === '') return
    const hash = this.rt.hashToken(token)
    this.recent.delete(hash)
    await this.store.sessions.delete(hash)
  }

  /**
   * Forget what the cache holds for a person, so their next request re-reads them (a role revoked,
   * a household approved or left, an account deleted take effect at once in this process).
   */
  forgetUser(userId: string): void {
    for (const [hash, entry] of this.recent) if (entry.found.user.id === userId) this.recent.delete(hash)
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
