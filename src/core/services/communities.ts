import type { Community, CommunitySummary, Id, User } from '../../../types/domain'
import { hasRole } from '../../domain/actor'
import { refuseJoin } from '../../domain/membership'
import { cleanText, textLength } from '../../domain/text'
import type { Caller, Log, WeChatCodes } from '../context'
import { ApiError, forbidden, malformed, notFound, requireCommunity, thrown } from '../errors'
import type { Store } from '../ports'
import { miniProgramCode } from './invites'

const SEARCH_LIMIT = 20

/** A community code as typed: 6 letters and digits, upper case. */
export function normalizeCommunityCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '')
  return /^[A-Z0-9]{6}$/.test(code) ? code : null
}

export const summaryOf = (c: Community): CommunitySummary => ({ id: c.id, name: c.name, kind: c.kind, district: c.district, streetName: c.streetName })

/**
 * Finding and joining a community: a newly signed-in person searches the communities by name (or
 * their street's), or scans/types the community's code (社区码), and joins it as an unverified
 * resident — then claims their household. Street officers list the communities of their street.
 */
export class CommunityService {
  constructor(
    private readonly store: Store,
    private readonly forget: (userId: Id) => void,
    private readonly options: { codes?: WeChatCodes; log: Log },
  ) {}

  async search(_caller: Caller, query: string): Promise<CommunitySummary[]> {
    const text = typeof query === 'string' ? cleanText(query) : ''
    if (textLength(text) > 40) throw malformed({ q: '搜索词最多 40 个字' })
    const terms = text.split(/\s+/).filter(Boolean)
    if (terms.length === 0) return []
    return this.store.directory.searchCommunities(terms.slice(0, 5), SEARCH_LIMIT)
  }

  async byCode(_caller: Caller, typed: string): Promise<CommunitySummary> {
    const code = typeof typed === 'string' ? normalizeCommunityCode(typed) : null
    if (!code) throw malformed({ code: '社区码是 6 位字母和数字，请核对' })
    const found = await this.store.directory.findCommunityByCode(code)
    if (!found) throw notFound('没有找到这个社区码对应的社区，请核对后重试')
    return found
  }

  /** Join a community as an unverified resident (to move, first leave the household of the old one). */
  async join(caller: Caller, communityId: Id): Promise<User> {
    const { actor } = caller
    const community = typeof communityId === 'string' ? await this.store.directory.findCommunity(communityId) : null
    if (!community) throw notFound('社区不存在')
    const [me, claims] = await Promise.all([this.store.users.find(actor.id), this.store.claims.listForUser(actor.id)])
    if (!me) throw notFound('用户不存在')
    const refusal = refuseJoin(me, community.id, claims.some((c) => c.status === 'pending'))
    if (refusal) throw thrown(refusal)
    if (me.communityId !== community.id) await this.store.users.setCommunity(me.id, community.id)
    this.forget(me.id)
    return (await this.store.users.find(me.id))!
  }

  /** A street officer's communities. */
  async streetCommunities(caller: Caller): Promise<Community[]> {
    const { actor } = caller
    if (!hasRole(actor, 'street_staff') || !actor.streetId) throw forbidden('只有街道工作人员可以查看街道下的社区')
    return this.store.directory.listStreetCommunities(actor.streetId)
  }

  /** My community's code to show or print (社区码), with its mini-program code when the server can make one. Staff and admins. */
  async joinCode(caller: Caller): Promise<{ code: string; community: CommunitySummary; dataUrl?: string }> {
    const communityId = requireCommunity(caller.actor)
    if (!hasRole(caller.actor, 'staff') && !hasRole(caller.actor, 'admin')) throw forbidden('只有社区工作者和管理员可以查看社区码')
    const record = await this.store.directory.findCommunityRecord(communityId)
    if (!record) throw notFound('社区不存在')
    let dataUrl: string | undefined
    if (this.options.codes) {
      try {
        dataUrl = await miniProgramCode(this.options.codes, `c=${record.joinCode}`, this.options.log)
      } catch (error) {
        // The plain code always works; the picture is a convenience.
        if (!(error instanceof ApiError)) throw error
      }
    }
    return { code: record.joinCode, community: summaryOf(record), ...(dataUrl ? { dataUrl } : {}) }
  }
}
