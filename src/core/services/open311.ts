import type { Category, Id } from '../../../types/domain'
import { actorOf } from '../../domain/actor'
import { MAX_REQUESTS, type RequestQuery } from '../../domain/open311/serve-query'
import type { Submission } from '../../domain/open311/serve-submit'
import type { ServedReport } from '../../domain/open311/serve'
import { textLength } from '../../domain/text'
import type { Caller, Runtime } from '../context'
import { ApiError, forbidden, malformed, notFound } from '../errors'
import type { Open311Repository, PartnerRecord, PartnerScope } from '../open311-ports'
import type { Store } from '../ports'
import type { ReportService } from './reports'

/**
 * The partner-facing side of the server's Open311 GeoReport v2 endpoint (issue 14, ADR 27): keys
 * issued by an admin per partner system, each for one community; what a key may read (its
 * community's categories and reports, as GeoReport shows them) and file (a report in the
 * community's normal inbox, filed by the partner's system user). Keys are kept as their hash.
 */

export const PARTNER_NAME_MAX = 60

export const KEY_MISSING = '缺少 api_key：请向社区所在平台的管理员申请'
export const KEY_REFUSED = 'api_key 无效或已被撤销：请向社区所在平台的管理员确认'

export interface IssuedKey {
  id: Id
  /** Shown once: only its hash is kept. */
  key: string
  partner: PartnerRecord
  communityName: string
}

export class Open311Service {
  constructor(
    private readonly store: Store,
    private readonly partners: Open311Repository,
    private readonly rt: Runtime,
    private readonly reports: ReportService,
    /** At most this many requests in one GET answer (the spec's 1,000; tests pass fewer). */
    private readonly maxRequests: number = MAX_REQUESTS,
  ) {}

  // ── keys (the admin's CLI) ──────────────────────────────────────────────────────────────────

  /** A new key for a partner system of the community with this code (社区码). */
  async issueKey(communityCode: string, name: string): Promise<IssuedKey> {
    const community = await this.communityByCode(communityCode)
    const clean = name.trim()
    if (textLength(clean) === 0) throw malformed({ name: '请给出合作系统的名称' })
    if (textLength(clean) > PARTNER_NAME_MAX) throw malformed({ name: `名称不能超过${PARTNER_NAME_MAX}个字` })
    const id = this.rt.newId('op')
    const key = this.rt.newToken()
    const partner: PartnerRecord = { id, communityId: community.id, name: clean, userId: `u-open311-${id}`, createdAt: this.rt.now().toISOString() }
    await this.partners.insertPartner(partner, this.rt.hashToken(key))
    return { id, key, partner, communityName: community.name }
  }

  async listKeys(communityCode: string): Promise<{ communityName: string; partners: PartnerRecord[] }> {
    const community = await this.communityByCode(communityCode)
    return { communityName: community.name, partners: await this.partners.listPartners(community.id) }
  }

  async revokeKey(id: string): Promise<PartnerRecord> {
    const partner = await this.partners.revokePartner(id.trim(), this.rt.now().toISOString())
    if (!partner) throw notFound(`没有编号为 ${id} 的合作系统（用 open311-keys 命令查看）`)
    return partner
  }

  private async communityByCode(code: string) {
    const community = await this.store.directory.findCommunityByCode(code.trim())
    if (!community) throw notFound(`没有社区码为 ${code} 的社区（用 communities 命令查看）`)
    return community
  }

  // ── what a key may do ───────────────────────────────────────────────────────────────────────

  /**
   * The partner holding `key`, and the community it speaks for: a missing, unknown or revoked key
   * is 403; a `jurisdiction_id` that is not the key's community (its 社区码 or id) is 404.
   */
  async authenticate(key: unknown, jurisdiction: unknown): Promise<PartnerScope> {
    if (typeof key !== 'string' || key.trim() === '') throw forbidden(KEY_MISSING)
    // A key is base64url; anything else (or something huge) is no key, without a lookup.
    const partner = /^[A-Za-z0-9_-]{20,200}$/.test(key.trim()) ? await this.partners.findPartnerByKeyHash(this.rt.hashToken(key.trim())) : null
    if (!partner || partner.revokedAt) throw forbidden(KEY_REFUSED)
    if (typeof jurisdiction === 'string' && jurisdiction.trim() !== '') {
      const named = jurisdiction.trim()
      if (named !== partner.communityId && named.toUpperCase() !== partner.joinCode.toUpperCase()) throw notFound('jurisdiction_id 不是该 api_key 所属的社区')
    }
    return partner
  }

  /** The community's categories (emergencies included: the answer leaves them out, serve.ts). */
  async categories(partner: PartnerScope): Promise<Category[]> {
    return this.store.directory.listCategories(partner.communityId)
  }

  /** One category that can be filed: an emergency is not a service (serve.ts). */
  async category(partner: PartnerScope, code: string): Promise<Category> {
    const found = (await this.categories(partner)).find((c) => c.id === code && !c.emergency)
    if (!found) throw notFound(`service_code ${code.slice(0, 60)} 不存在`)
    return found
  }

  async listRequests(partner: PartnerScope, query: RequestQuery): Promise<ServedReport[]> {
    return this.partners.listServed({
      communityId: partner.communityId,
      numbers: query.numbers,
      categoryIds: query.categoryIds,
      statuses: query.statuses,
      from: query.from,
      to: query.to,
      limit: this.maxRequests,
    })
  }

  /** One request of the partner's community, by its number; another community's is unknown here. */
  async getRequest(partner: PartnerScope, number: string): Promise<ServedReport> {
    const [found] = await this.partners.listServed({ communityId: partner.communityId, numbers: [number], categoryIds: [], statuses: null, from: '', to: '', limit: 1 })
    if (!found) throw notFound(`service_request_id ${number.slice(0, 60)} 不存在`)
    return found
  }

  /**
   * File what the partner sent as a report of its community, in the normal inbox, by its system
   * user (routed like a report without a building: to the community's first grid). With an
   * idempotency key a retry answers the original (`created: false`); without one, every POST files.
   */
  async submit(partner: PartnerScope, submission: Submission, key: string | null): Promise<{ report: ServedReport; created: boolean }> {
    const user = await this.store.users.find(partner.userId)
    if (!user) throw new ApiError('server', '合作系统的账号缺失，请联系管理员重新发放 api_key')
    const caller: Caller = { user, actor: { ...actorOf(user), communityId: partner.communityId }, photoUrl: () => '' }
    const filed = key === null ? { report: await this.reports.submitUnkeyed(caller, submission.input), created: true } : await this.reports.submit(caller, submission.input, key)
    return { report: await this.getRequest(partner, filed.report.number), created: filed.created }
  }
}
