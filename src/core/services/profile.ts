import type { HouseholdClaim, Id, PersonalDataExport, Profile } from '../../../types/domain'
import { normalizePhone, refusePhone } from '../../domain/membership'
import { cleanText, textLength } from '../../domain/text'
import type { Caller, Runtime } from '../context'
import { notFound, validationError } from '../errors'
import type { PersonalRecords, Store } from '../ports'
import { claimView, householdOf } from './households'
import { withPhotoUrls } from './report-view'

/** The name a deleted account leaves behind wherever it was written (ADR 12). */
export const ERASED_NAME = '已注销用户'

export interface ContactInput {
  name?: string
  phone?: string
}

/**
 * 我的: my profile (name, phone masked, household and its members, my claims), changing the name
 * and phone I go by, downloading every record about me (PIPL art. 45) and deleting my account
 * (art. 47): personal data erased, reports kept as anonymous governance records (ADR 12).
 */
export class ProfileService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly forget: (userId: Id) => void,
  ) {}

  async get(caller: Caller): Promise<Profile> {
    const user = await this.store.users.find(caller.actor.id)
    if (!user) throw notFound('用户不存在')
    const [community, household, claims] = await Promise.all([
      user.communityId ? this.store.directory.findCommunity(user.communityId) : Promise.resolve(null),
      user.home && user.communityId ? householdOf(this.store, user.communityId, user.home) : Promise.resolve(undefined),
      this.store.claims.listForUser(user.id),
    ])
    return { user, ...(community ? { community } : {}), ...(household ? { household } : {}), claims: claims.map(claimView) }
  }

  async update(caller: Caller, input: ContactInput): Promise<Profile> {
    const fields: Record<string, string> = {}
    const change: ContactInput = {}
    if (input.name !== undefined) {
      const name = typeof input.name === 'string' ? cleanText(input.name) : ''
      if (textLength(name) < 2 || textLength(name) > 20) fields.name = '姓名为 2–20 个字'
      else change.name = name
    }
    if (input.phone !== undefined) {
      const phone = typeof input.phone === 'string' ? input.phone : ''
      const refusal = refusePhone(phone)
      if (refusal) fields.phone = refusal.message
      else change.phone = normalizePhone(phone)
    }
    if (Object.keys(fields).length) throw validationError(fields)
    if (change.name !== undefined || change.phone !== undefined) {
      await this.store.users.updateContact(caller.actor.id, change)
      this.forget(caller.actor.id)
    }
    return this.get(caller)
  }

  /** Every record about me, as JSON. */
  async exportData(caller: Caller): Promise<PersonalDataExport> {
    const records = await this.store.privacy.collect(caller.actor.id)
    if (!records) throw notFound('用户不存在')
    const p = records.person
    const [community, household] = await Promise.all([
      p.communityId ? this.store.directory.findCommunity(p.communityId) : Promise.resolve(null),
      p.home && p.communityId ? householdOf(this.store, p.communityId, p.home) : Promise.resolve(undefined),
    ])
    const claims: HouseholdClaim[] = records.claims.map((c) => ({ ...claimView(c), phoneMasked: c.phone }))
    return {
      exportedAt: this.rt.now().toISOString(),
      person: {
        id: p.id,
        name: p.name,
        phone: p.phone,
        roles: p.roles,
        communityId: p.communityId,
        ...(p.home ? { home: p.home } : {}),
        createdAt: p.createdAt,
        signIn: p.openid ? 'wechat' : p.demo ? 'demo' : 'set-up',
      },
      ...(community ? { community } : {}),
      ...(household ? { household } : {}),
      claims,
      reports: records.reports.map((r) => withPhotoUrls(caller, r)),
      reportSteps: records.reportSteps.map((e) => ({ ...e, photos: e.photos.map((ph) => ({ id: ph.id, url: caller.photoUrl(ph.id) })) })),
      meToo: records.meToo,
      messages: records.messages,
      noticesRead: records.noticesRead,
      noticesPublished: records.noticesPublished,
      photos: records.photos.map((ph) => ({ id: ph.id, contentType: ph.contentType, bytes: ph.bytes, createdAt: ph.createdAt })),
      sessions: records.sessions,
      invitesUsed: records.invitesUsed,
      consultation: consultationExport(records.consultation),
      bookings: await this.bookingsExport(caller.actor.id, records.bookings),
    }
  }

  /**
   * Bookings for me (with what I answered), and those I made for others (代约: that I made them, but
   * not the other person's answers — their name, phone and purpose are theirs, not mine), with the
   * service's name.
   */
  private async bookingsExport(me: Id, bookings: PersonalRecords['bookings']): Promise<PersonalDataExport['bookings']> {
    const names = new Map<string, string>()
    for (const communityId of new Set(bookings.map((b) => b.communityId))) for (const s of await this.store.services.list(communityId)) names.set(s.id, s.name)
    return bookings.map((b) => {
      const forMe = b.personId === me
      return { id: b.id, forMe, serviceId: b.serviceId, serviceName: names.get(b.serviceId) ?? '', startsAt: b.startsAt, status: b.status, answers: forMe ? b.answers : [], createdAt: b.createdAt }
    })
  }

  /**
   * Delete my account: the household's representative's place passes on, then everything personal
   * is erased in one transaction; the caller's sessions end with it.
   */
  async deleteAccount(caller: Caller): Promise<void> {
    const { actor } = caller
    await this.store.transaction(async (tx) => {
      const me = await tx.users.find(actor.id)
      if (!me) throw notFound('用户不存在')
      if (me.home && me.communityId) {
        const members = await tx.users.listHousehold(me.communityId, me.home)
        if (members.some((m) => m.userId === me.id && m.representative)) {
          const next = members.find((m) => m.userId !== me.id)
          await tx.users.setRepresentative(me.communityId, me.home, next ? next.userId : null)
        }
      }
      await tx.privacy.erase(me.id, ERASED_NAME, this.rt.now().toISOString())
    })
    this.forget(actor.id)
  }
}

/** The consultation part of the export: their own words and their household's acts, as plain rows. */
function consultationExport(c: PersonalRecords['consultation']): PersonalDataExport['consultation'] {
  return {
    proposals: c.proposals.map((p) => ({ id: p.id, communityId: p.communityId, title: p.title, body: p.body, status: p.status, createdAt: p.createdAt })),
    contributions: c.contributions.map((x) => ({ id: x.id, subjectKey: x.subjectKey, ...(x.stance ? { stance: x.stance } : {}), body: x.body, hidden: Boolean(x.hidden), createdAt: x.createdAt })),
    cosigns: c.cosigns.map((x) => ({ proposalId: x.proposalId, buildingId: x.buildingId, room: x.room, at: x.at })),
    acknowledgements: c.acknowledgements.map((x) => ({ conventionId: x.conventionId, version: x.version, buildingId: x.buildingId, room: x.room, at: x.at })),
    ballots: c.ballots.map((x) => ({ voteId: x.voteId, buildingId: x.buildingId, room: x.room, channel: x.channel, at: x.at })),
    ratings: c.ratings.map((x) => ({ proposalId: x.proposalId, level: x.level, comment: x.comment, at: x.at })),
  }
}
