import type { DemoAccount, Session, User } from '../../types/domain'
import { isHandler } from '../../src/domain/actor'
import type { Database } from '../db/driver'
import { HttpError, notFound } from '../errors'
import { hashToken, newToken, randomId } from '../ids'
import * as directory from '../repositories/directory'
import * as users from '../repositories/users'
import { WeChatAuthError, type WeChatAuth } from '../auth/wechat'
import type { Caller } from './caller'
import type { Static } from 'typebox'
import type { DirectorySchema } from '../../types/contract'

/** What GET /community answers (the app's CommunityDirectory, as the contract names it). */
export type CommunityDirectory = Static<typeof DirectorySchema>

/** Sign-in (demo accounts, WeChat), bearer sessions and the community directory. */
export class SessionService {
  constructor(
    private readonly db: Database,
    private readonly options: { now: () => Date; tokenTtlHours: number; demo: boolean; weChatAuth?: WeChatAuth },
  ) {}

  async listDemoAccounts(): Promise<DemoAccount[]> {
    if (!this.options.demo) throw notFound('演示登录未开启')
    return users.listDemoAccounts(this.db)
  }

  async signInDemo(userId: string): Promise<Session> {
    if (!this.options.demo) throw notFound('演示登录未开启')
    const user = await users.findDemoUser(this.db, userId)
    if (!user) throw notFound('该演示账号不存在')
    return this.open(user)
  }

  async signInWeChat(code: string): Promise<Session> {
    const auth = this.options.weChatAuth
    if (!auth) throw new HttpError('not_supported', '服务器未开通微信登录')
    let openid: string
    try {
      openid = (await auth.code2Session(code)).openid
    } catch (error) {
      if (!(error instanceof WeChatAuthError)) throw error
      if (error.reason === 'invalid_code') throw new HttpError('unauthorized', '微信登录凭证无效或已过期，请重新登录')
      if (error.reason === 'rate_limited') throw new HttpError('rate_limited', '微信登录太频繁，请稍后再试', { retryAfterMs: 60_000 })
      throw new HttpError('server', '微信服务暂时不可用，请稍后再试', { status: 502 })
    }
    const communityId = await directory.defaultCommunityId(this.db)
    if (!communityId) throw new HttpError('not_supported', '社区尚未开通，暂不能登录')
    const user = await users.upsertWeChatUser(this.db, {
      id: randomId('u'),
      openid,
      communityId,
      name: '微信用户',
      at: this.options.now().toISOString(),
    })
    return this.open(user)
  }

  private async open(user: User): Promise<Session> {
    const token = newToken()
    const now = this.options.now()
    const expiresAt = new Date(now.getTime() + this.options.tokenTtlHours * 3_600_000).toISOString()
    await users.insertSession(this.db, { tokenHash: hashToken(token), userId: user.id, createdAt: now.toISOString(), expiresAt })
    // Housekeeping on the rare path (sign-in), never on every request.
    await users.deleteExpiredSessions(this.db, now.toISOString())
    return { token, user, expiresAt }
  }

  /**
   * Recently seen sessions, so a signed-in request costs no extra database round trip (the list and
   * detail endpoints were bound by the Node thread, see `npm run bench`). An entry lives 30 s at most
   * and never past its session's expiry; signing out here drops it at once. Another server process
   * may honour a signed-out token for up to 30 s — the price of not asking the database every time.
   */
  private readonly recent = new Map<string, { found: { user: User; expiresAt: string }; until: number }>()
  private static readonly RECENT_MS = 30_000
  private static readonly RECENT_MAX = 10_000

  /** The session a bearer token stands for, or null when unknown or expired. */
  async authenticate(token: string): Promise<Session | null> {
    const hash = hashToken(token)
    const now = this.options.now()
    const cached = this.recent.get(hash)
    if (cached && cached.until > now.getTime() && Date.parse(cached.found.expiresAt) > now.getTime()) {
      return { token, user: cached.found.user, expiresAt: cached.found.expiresAt }
    }
    this.recent.delete(hash)
    const found = await users.findSession(this.db, hash, now.toISOString())
    if (!found) return null
    if (this.recent.size >= SessionService.RECENT_MAX) this.recent.clear()
    this.recent.set(hash, { found, until: now.getTime() + SessionService.RECENT_MS })
    return { token, user: found.user, expiresAt: found.expiresAt }
  }

  async signOut(token: string): Promise<void> {
    const hash = hashToken(token)
    this.recent.delete(hash)
    await users.deleteSession(this.db, hash)
  }

  async community(caller: Caller): Promise<CommunityDirectory> {
    const id = caller.actor.communityId
    const community = await directory.findCommunity(this.db, id)
    if (!community) throw notFound('社区不存在')
    const [grids, buildings, departments, categories, handlers] = await Promise.all([
      directory.listGrids(this.db, id),
      directory.listBuildings(this.db, id),
      directory.listDepartments(this.db, id),
      directory.listCategories(this.db, id),
      isHandler(caller.actor) ? users.listHandlers(this.db, id) : Promise.resolve([]),
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
