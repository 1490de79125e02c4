import type { Building, ClaimStatus, Grid, Id, InvitedRole, InviteStatus, Role } from '../../types/domain'
import type { Actor } from './actor'
import { hasRole } from './actor'
import { cleanText, textLength } from './text'

/**
 * The rules of belonging (issue 10): who may invite whom, who reviews a household claim, what a
 * claim must hold, what an invite code looks like, and who may take a role away. Pure functions;
 * the core's services apply them and the screens show the same messages before sending.
 */

export type Refusal = { code: 'forbidden' | 'validation'; message: string; field?: string }

const refuse = (message: string, field?: string): Refusal => ({ code: 'validation', message, ...(field ? { field } : {}) })
const forbid = (message: string): Refusal => ({ code: 'forbidden', message })

// ── invitations ──────────────────────────────────────────────────────────────────────────────

/** Invite codes: 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L). */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const INVITE_CODE_LENGTH = 8
export const INVITE_MIN_HOURS = 1
export const INVITE_MAX_HOURS = 30 * 24
export const INVITE_DEFAULT_HOURS = 7 * 24

/** A code from random bytes (as many as the code is long). */
export function inviteCodeFrom(random: ArrayLike<number>): string {
  let code = ''
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[(random[i] ?? 0) % INVITE_ALPHABET.length]
  return code
}

/** What a person typed or scanned, as a code: upper case, spaces and dashes dropped; null when it cannot be one. */
export function normalizeInviteCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '')
  if (code.length !== INVITE_CODE_LENGTH) return null
  return [...code].every((c) => INVITE_ALPHABET.includes(c)) ? code : null
}

/** The roles each role may hand out: an admin any; staff the roles of the neighbourhood. */
export function invitableRoles(actor: Pick<Actor, 'roles'>): InvitedRole[] {
  if (hasRole(actor, 'admin')) return ['staff', 'grid_worker', 'building_leader', 'admin']
  if (hasRole(actor, 'staff')) return ['grid_worker', 'building_leader']
  return []
}

export interface InviteDraft {
  role: InvitedRole
  gridIds: readonly Id[]
  buildingIds: readonly Id[]
  note: string
  expiresInHours: number
}

/**
 * May the actor create this invite, and is it whole? Null when it may be created. `system`: the
 * admin command, which may also invite a street officer (street_staff, no grids or buildings).
 */
export function refuseInvite(
  actor: Actor,
  draft: InviteDraft,
  place: { grids: readonly Grid[]; buildings: readonly Building[] },
  options: { system?: boolean } = {},
): Refusal | null {
  const roles: InvitedRole[] = options.system ? [...invitableRoles(actor), 'street_staff'] : invitableRoles(actor)
  if (roles.length === 0) return forbid('只有社区管理员和社区工作者可以发出邀请')
  if (!roles.includes(draft.role)) return forbid('您不能邀请这个角色（社区工作者和管理员由管理员邀请）')
  if (draft.role === 'grid_worker') {
    if (draft.gridIds.length === 0) return refuse('请选择网格员负责的网格', 'gridIds')
    if (draft.gridIds.some((id) => !place.grids.some((g) => g.id === id))) return refuse('所选网格不在本社区', 'gridIds')
  } else if (draft.gridIds.length > 0) return refuse('只有网格员需要选择网格', 'gridIds')
  if (draft.role === 'building_leader') {
    if (draft.buildingIds.length === 0) return refuse('请选择楼栋长负责的楼栋', 'buildingIds')
    if (draft.buildingIds.some((id) => !place.buildings.some((b) => b.id === id))) return refuse('所选楼栋不在本社区', 'buildingIds')
  } else if (draft.buildingIds.length > 0) return refuse('只有楼栋长需要选择楼栋', 'buildingIds')
  if (textLength(cleanText(draft.note)) > 40) return refuse('备注最多 40 个字', 'note')
  const hours = draft.expiresInHours
  if (!Number.isInteger(hours) || hours < INVITE_MIN_HOURS || hours > INVITE_MAX_HOURS) return refuse('有效期为 1 小时到 30 天', 'expiresInHours')
  return null
}

/** Where an invite stands at `now`. */
export function inviteStatus(invite: { usedAt?: string; cancelledAt?: string; expiresAt: string }, now: Date): InviteStatus {
  if (invite.usedAt) return 'used'
  if (invite.cancelledAt) return 'cancelled'
  return Date.parse(invite.expiresAt) <= now.getTime() ? 'expired' : 'open'
}

/** Why a code cannot be used now; null when it can. */
export function refuseRedeem(status: InviteStatus): string | null {
  switch (status) {
    case 'open':
      return null
    case 'used':
      return '这个邀请码已被使用，请向社区索取新的邀请码'
    case 'cancelled':
      return '这个邀请码已被撤销，请向社区索取新的邀请码'
    case 'expired':
      return '这个邀请码已过期，请向社区索取新的邀请码'
  }
}

// ── people's roles ───────────────────────────────────────────────────────────────────────────

/** May the actor take `role` away from `target` (both of the actor's community)? */
export function refuseRevoke(actor: Actor, target: { id: Id; roles: readonly Role[] }, role: Role): Refusal | null {
  if (!target.roles.includes(role)) return refuse('此人没有这个角色')
  if (role === 'resident' || role === 'street_staff') return refuse('不能在这里取消这个角色')
  if (!invitableRoles(actor).includes(role as InvitedRole)) return forbid('您不能取消这个角色（社区工作者和管理员由管理员管理）')
  if (role === 'admin' && target.id === actor.id) return refuse('不能取消自己的管理员角色，请让另一位管理员操作')
  return null
}

/** May the actor see the people with roles and manage them? */
export function canManagePeople(actor: Pick<Actor, 'roles'>): boolean {
  return invitableRoles(actor).length > 0
}

// ── households ───────────────────────────────────────────────────────────────────────────────

/** A mobile number (11 digits starting 1[3-9]) or a landline with area code (0 + 9–11 digits). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{9,11})$/

/** A phone as typed: digits only (spaces, dashes and +86 dropped). */
export function normalizePhone(input: string): string {
  const digits = input.replace(/[\s\-()]/g, '').replace(/^\+?86(?=1\d{10}$)/, '')
  return digits
}

/** A phone as the person must give it (a claim, their profile); null when it is one. */
export function refusePhone(phone: string): Refusal | null {
  return PHONE_PATTERN.test(normalizePhone(phone)) ? null : refuse('请填写 11 位手机号码（或带区号的座机）', 'phone')
}

export interface ClaimDraft {
  buildingId: Id
  room: string
  name: string
  phone: string
}

/** Is the claim whole, for a building of the community? Null when it is. */
export function refuseClaim(draft: ClaimDraft, buildings: readonly Building[]): Refusal | null {
  const building = buildings.find((b) => b.id === draft.buildingId)
  if (!building) return refuse('请选择您住的楼栋', 'buildingId')
  if (!building.rooms.includes(draft.room.trim())) return refuse(`${building.name}没有这个房号，请从列表中选择`, 'room')
  const name = cleanText(draft.name)
  if (textLength(name) < 2 || textLength(name) > 20) return refuse('请填写您的姓名（2–20 个字）', 'name')
  return refusePhone(draft.phone)
}

/** May the actor review claims on this building (approve or reject)? Staff of its community, or its building leader. */
export function canReviewClaim(actor: Actor, claim: { communityId: Id; buildingId: Id }): boolean {
  if (actor.communityId !== claim.communityId) return false
  if (hasRole(actor, 'staff')) return true
  return hasRole(actor, 'building_leader') && actor.leadsBuildingIds.includes(claim.buildingId)
}

/** May the actor review claims at all (shows the review list)? */
export function reviewsClaims(actor: Pick<Actor, 'roles' | 'leadsBuildingIds'>): boolean {
  return hasRole(actor, 'staff') || (hasRole(actor, 'building_leader') && actor.leadsBuildingIds.length > 0)
}

/** A rejection or a removal needs a reason the person can act on. */
export function refuseReason(reason: string | undefined): Refusal | null {
  const text = cleanText(reason ?? '')
  if (textLength(text) < 2) return refuse('请写明原因（至少 2 个字），对方会看到', 'reason')
  if (textLength(text) > 200) return refuse('原因最多 200 个字', 'reason')
  return null
}

/** Why a claim can no longer be decided. */
export function refuseDecision(status: ClaimStatus): string | null {
  if (status === 'pending') return null
  if (status === 'withdrawn') return '申请人已撤回这条申请'
  return '这条申请已经审核过了'
}

/** Who can join a community by picking it: a person without one, or whose community holds nothing of theirs yet. */
export function refuseJoin(user: { communityId: Id | null; roles: readonly Role[]; home?: unknown }, communityId: Id, hasPendingClaim: boolean): Refusal | null {
  if (user.communityId === communityId) return null
  if (user.roles.some((r) => r !== 'resident')) return forbid('您在其他社区担任职务，不能更换社区；请联系社区管理员')
  if (user.home) return refuse('您已是其他社区的认证住户；请先在“我的”中退出原住户，再更换社区')
  if (hasPendingClaim) return refuse('您有一条住户认证申请在审核中；请先撤回，再更换社区')
  return null
}
