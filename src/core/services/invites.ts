import type { Id, Invite, User } from '../../../types/domain'
import { canManagePeople, inviteCodeFrom, inviteStatus, normalizeInviteCode, refuseInvite, refuseRedeem, type InviteDraft } from '../../domain/membership'
import { cleanText } from '../../domain/text'
import { actorOf, type Actor } from '../../domain/actor'
import { WeChatLoginError, type Caller, type Log, type Runtime, type WeChatCodes } from '../context'
import { ApiError, conflict, forbidden, malformed, notFound, requireCommunity, thrown } from '../errors'
import type { InviteRecord, Repositories, Store } from '../ports'
import { recordAudit } from './audit'

/** The mini-program page a scanned code opens; it reads `scene` (`i=<code>` or `c=<community code>`). */
export const SCAN_PAGE = 'pages/home/index'

/** How many invites the list shows (the newest). */
const LIST_LIMIT = 50

export function inviteView(r: InviteRecord, now: Date): Invite {
  return {
    id: r.id,
    communityId: r.communityId,
    role: r.role,
    gridIds: [...r.gridIds],
    buildingIds: [...r.buildingIds],
    note: r.note,
    code: r.code,
    status: inviteStatus(r, now),
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    createdByName: r.createdByName,
    ...(r.usedByName ? { usedByName: r.usedByName } : {}),
    ...(r.usedAt ? { usedAt: r.usedAt } : {}),
  }
}

/**
 * Eight bytes for a code from the runtime's fresh token: each byte an FNV-1a hash of the whole
 * token with its own seed, so every character of the token counts (a token is unguessable; the
 * code keeps as much of that as 8 characters of 31 can hold).
 */
export function bytesOfToken(token: string, count = 8): number[] {
  const bytes: number[] = []
  for (let seed = 0; seed < count; seed++) {
    let h = (0x811c9dc5 ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0
    for (let i = 0; i < token.length; i++) {
      h ^= token.charCodeAt(i)
      h = Math.imul(h, 0x01000193) >>> 0
    }
    bytes.push((h ^ (h >>> 16)) & 0xff)
  }
  return bytes
}

export interface InviteOptions {
  /** Mini-program codes for invites (WeChat's getUnlimitedQRCode); absent: the plain code only. */
  codes?: WeChatCodes
  log: Log
}

/**
 * Invitations (邀请): an admin invites staff and admins, staff invite grid workers and building
 * leaders; each invite is one role with its grids or buildings, for one person, until it expires.
 * The invited person signs in (WeChat) and enters or scans the code: the role is theirs at once.
 */
export class InviteService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly forget: (userId: Id) => void,
    private readonly options: InviteOptions,
  ) {}

  async create(caller: Caller, draft: InviteDraft): Promise<Invite> {
    return this.make(caller.actor, requireCommunity(caller.actor), draft, caller.actor.id)
  }

  /**
   * The admin command (`npm run admin -- invite`): an invite made on the server itself, as an
   * admin would make it — how a new community gets its first admin.
   */
  async issue(communityId: Id, draft: InviteDraft, byName: string): Promise<Invite> {
    if (!(await this.store.directory.findCommunity(communityId))) throw notFound('社区不存在')
    const system: Actor = { id: 'system', name: byName, roles: ['admin'], communityId, gridIds: [], leadsBuildingIds: [] }
    return this.make(system, communityId, draft, null, true)
  }

  private async make(actor: Actor, communityId: Id, draft: InviteDraft, createdById: Id | null, system = false): Promise<Invite> {
    const [grids, buildings] = await Promise.all([this.store.directory.listGrids(communityId), this.store.directory.listBuildings(communityId)])
    const refusal = refuseInvite(actor, draft, { grids, buildings }, { system })
    if (refusal) throw thrown(refusal)
    const now = this.rt.now()
    for (let attempt = 0; attempt < 5; attempt++) {
      const record: InviteRecord = {
        id: this.rt.newId('inv'),
        communityId,
        code: inviteCodeFrom(bytesOfToken(this.rt.newToken())),
        role: draft.role,
        gridIds: [...new Set(draft.gridIds)],
        buildingIds: [...new Set(draft.buildingIds)],
        note: cleanText(draft.note),
        createdById,
        createdByName: actor.name,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + draft.expiresInHours * 3_600_000).toISOString(),
      }
      if (await this.store.invites.insert(record)) return inviteView(record, now)
    }
    throw new ApiError('server', '生成邀请码失败，请重试')
  }

  /** The community's invites, newest first, each with where it stands. */
  async list(caller: Caller): Promise<Invite[]> {
    const communityId = requireCommunity(caller.actor)
    if (!canManagePeople(caller.actor)) throw forbidden('只有社区管理员和社区工作者可以查看邀请')
    const now = this.rt.now()
    return (await this.store.invites.list(communityId, LIST_LIMIT)).map((r) => inviteView(r, now))
  }

  async cancel(caller: Caller, inviteId: Id): Promise<Invite> {
    const invite = await this.manageable(caller, inviteId)
    const now = this.rt.now()
    if (inviteStatus(invite, now) !== 'open') throw conflict('这个邀请已经用过、过期或撤销了')
    await this.store.invites.cancel(invite.id, now.toISOString())
    return inviteView({ ...invite, cancelledAt: now.toISOString() }, now)
  }

  /**
   * The invite as a mini-program code (PNG as a data URL) that opens the app with the code filled
   * in; not_supported when the server has no WeChat code API configured (the plain code works).
   */
  async qrCode(caller: Caller, inviteId: Id): Promise<{ dataUrl: string }> {
    const invite = await this.manageable(caller, inviteId)
    if (!this.options.codes) throw new ApiError('not_supported', '服务器未开通小程序码，请把邀请码告诉对方')
    return { dataUrl: await miniProgramCode(this.options.codes, `i=${invite.code}`, this.options.log) }
  }

  /** Use an invite: the signed-in person takes its role (and its community, if they had none). */
  async redeem(caller: Caller, typed: string): Promise<User> {
    const code = typeof typed === 'string' ? normalizeInviteCode(typed) : null
    if (!code) throw malformed({ code: '邀请码是 8 位字母和数字，请核对' })
    const { actor } = caller
    const userId = await this.store.transaction(async (tx) => {
      const invite = await tx.invites.findByCodeForUpdate(code)
      if (!invite) throw notFound('邀请码不正确，请核对后重试')
      const why = refuseRedeem(inviteStatus(invite, this.rt.now()))
      if (why) throw conflict(why)
      const me = await tx.users.find(actor.id)
      if (!me) throw notFound('用户不存在')
      if (invite.role === 'street_staff') {
        // A street officer serves the street of the community the code was issued from.
        const community = await tx.directory.findCommunity(invite.communityId)
        if (!community) throw notFound('邀请码不正确，请核对后重试')
        if (me.streetId && me.streetId !== community.streetId) throw conflict('您已是另一个街道的工作人员')
        await tx.users.grantStreet(me.id, community.streetId)
        await tx.invites.markUsed(invite.id, { id: me.id, name: me.name }, this.rt.now().toISOString())
        await this.recordGrant(tx, invite, me)
        return me.id
      }
      if (me.communityId !== null && me.communityId !== invite.communityId) {
        const elsewhere = me.roles.some((r) => r !== 'resident') || me.home
        if (elsewhere) throw conflict('您已是其他社区的成员；请先在原社区退出住户或取消职务，再使用这个邀请码')
        await tx.users.setCommunity(me.id, invite.communityId)
      }
      await tx.users.grantRole(me.id, { role: invite.role, communityId: invite.communityId, gridIds: invite.gridIds, buildingIds: invite.buildingIds })
      await tx.invites.markUsed(invite.id, { id: me.id, name: me.name }, this.rt.now().toISOString())
      await this.recordGrant(tx, invite, me)
      return me.id
    })
    this.forget(userId)
    return (await this.store.users.find(userId))!
  }

  /**
   * The audit record of a role given by invitation (issue 13): done by whoever issued the invite,
   * in the role they have now; an invite issued outside the app (the admin command) by the person
   * who used it.
   */
  private async recordGrant(tx: Repositories, invite: InviteRecord, me: User): Promise<void> {
    const issuer = invite.createdById ? await tx.users.find(invite.createdById) : null
    const actor = actorOf(issuer ?? me)
    await recordAudit(tx, this.rt, actor, invite.communityId, {
      action: 'role.grant',
      subject: { kind: 'user', id: me.id },
      concerns: me.id,
      details: { role: invite.role, invite: invite.id, ...(issuer ? {} : { issuedBy: 'admin-command' }) },
    })
  }

  private async manageable(caller: Caller, inviteId: Id): Promise<InviteRecord> {
    const communityId = requireCommunity(caller.actor)
    if (!canManagePeople(caller.actor)) throw forbidden('只有社区管理员和社区工作者可以管理邀请')
    const invite = typeof inviteId === 'string' ? await this.store.invites.find(inviteId) : null
    if (!invite || invite.communityId !== communityId) throw notFound('邀请不存在')
    return invite
  }
}

/** A mini-program code as a data URL; WeChat's failures become the user's message. */
export async function miniProgramCode(codes: WeChatCodes, scene: string, log: Log): Promise<string> {
  try {
    const image = await codes.unlimitedCode({ scene, page: SCAN_PAGE, width: 430 })
    return `data:${image.contentType};base64,${toBase64(image.bytes)}`
  } catch (error) {
    if (error instanceof WeChatLoginError && error.reason === 'rate_limited') {
      throw new ApiError('rate_limited', '生成小程序码太频繁，请稍后再试', { retryAfterMs: 60_000 })
    }
    log.warn({ err: error instanceof Error ? error.message : String(error) }, 'WeChat code API failed')
    throw new ApiError('server', '生成小程序码失败，请稍后再试，或直接告诉对方邀请码', { upstream: true })
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Base64 without Buffer or btoa (the core runs in the mini-program too). */
export function toBase64(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0
    const n = (a << 16) | (b << 8) | c
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63]
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '='
    out += i + 2 < bytes.length ? BASE64[n & 63] : '='
  }
  return out
}

