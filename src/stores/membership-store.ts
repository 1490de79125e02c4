import { makeAutoObservable, runInAction } from 'mobx'
import type { CommunitySummary, Household, HouseholdClaim, PersonalDataExport, Profile, User } from '../../types/domain'
import type { ApiClient, ClaimInput } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { normalizeInviteCode } from '../domain/membership'
import { normalizeCommunityCode } from '../domain/scene'
import type { FieldErrors } from '../domain/validation'
import type { OnSignOut } from './sign-out'

/** What an action answers a screen: its value, or a message to show with the fields it is about. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string; fields: FieldErrors }

/** Where a person stands in their community: what the home page's banner and 认证住户 show. */
export type MembershipStage =
  | { kind: 'signed_out' }
  /** Signed in, in no community yet: choose one first. */
  | { kind: 'no_community' }
  /** A member who has not claimed a household (or whose last claim was withdrawn, or who moved out). */
  | { kind: 'unverified' }
  | { kind: 'pending'; claim: HouseholdClaim }
  | { kind: 'rejected'; claim: HouseholdClaim }
  | { kind: 'verified'; home: { buildingId: string; buildingName?: string; room: string } }

/** The words of a code that cannot be one (the backend answers the same). */
export const CODE_MESSAGES = {
  community: '社区码是 6 位字母和数字，请核对',
  invite: '邀请码是 8 位字母和数字，请核对',
} as const

const BUSY = '正在处理，请稍候'

function failed(error: unknown): { ok: false; message: string; fields: FieldErrors } {
  return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
}

/**
 * The resident's side of belonging (issue 10): finding and joining a community, claiming and
 * following my household, using an invite, my profile (household, members, 户代表), my data and
 * deleting my account. Actions that change who I am answer the new `User`: the screen hands it to
 * the session (`session.replaceUser`), so this store never reaches into another.
 */
export class MembershipStore {
  // ── finding a community ──
  query = ''
  results: CommunitySummary[] = []
  searching = false
  /** The last search answered (an empty result means "nothing found", not "not asked"). */
  searched = false
  searchError: string | null = null
  joining = false

  // ── my household and claims ──
  /** `households.mine()`: null until loaded. */
  home: { household?: Household; claims: HouseholdClaim[] } | null = null
  homeLoading = false
  homeError: string | null = null
  claiming = false
  withdrawing = false
  leaving = false
  settingRepresentative = false

  // ── me ──
  profile: Profile | null = null
  profileLoading = false
  profileError: string | null = null
  data: PersonalDataExport | null = null
  dataLoading = false
  dataError: string | null = null
  redeeming = false
  deleting = false

  private searchSeq = 0
  /** Bumped by `clear`: an answer to a request made before it belongs to the previous person. */
  private generation = 0

  constructor(
    private readonly api: Pick<ApiClient, 'communities' | 'households' | 'invites' | 'profile' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<MembershipStore, 'api' | 'searchSeq' | 'generation'>(this, { api: false, searchSeq: false, generation: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.membership
  }

  /** My claims, newest first. */
  get claims(): HouseholdClaim[] {
    return this.home?.claims ?? this.profile?.claims ?? []
  }

  get pendingClaim(): HouseholdClaim | undefined {
    return this.claims.find((c) => c.status === 'pending')
  }

  /** My household with its members (from whichever of mine() and the profile was read last). */
  get household(): Household | undefined {
    return this.home?.household ?? this.profile?.household
  }

  /** Where `user` stands: the session's person, read with the claims this store loaded. */
  stageOf(user: User | null): MembershipStage {
    if (!user) return { kind: 'signed_out' }
    if (user.communityId === null) return { kind: 'no_community' }
    const latest = this.claims[0]
    if (user.home) {
      const named = this.household ?? this.claims.find((c) => c.status === 'approved' && c.buildingId === user.home!.buildingId && c.room === user.home!.room)
      return { kind: 'verified', home: { ...user.home, ...(named ? { buildingName: named.buildingName } : {}) } }
    }
    if (!latest) return { kind: 'unverified' }
    // Approved after the session was read: verified already (the session catches up on refresh).
    if (latest.status === 'approved') return { kind: 'verified', home: { buildingId: latest.buildingId, buildingName: latest.buildingName, room: latest.room } }
    if (latest.status === 'pending') return { kind: 'pending', claim: latest }
    if (latest.status === 'rejected') return { kind: 'rejected', claim: latest }
    return { kind: 'unverified' }
  }

  // ── finding and joining ──

  /** What is typed in the search box, shown at once (the search follows a moment later). */
  setQuery(query: string): void {
    this.query = query
  }

  /** Search by the community's or its street's name; an answer to an older query is dropped. */
  async search(query: string): Promise<void> {
    this.query = query
    const seq = ++this.searchSeq
    if (!query.trim()) {
      this.results = []
      this.searched = false
      this.searchError = null
      this.searching = false
      return
    }
    this.searching = true
    try {
      const results = await this.api.communities.search(query)
      runInAction(() => {
        if (seq !== this.searchSeq) return
        this.results = results
        this.searched = true
        this.searchError = null
      })
    } catch (error) {
      runInAction(() => {
        if (seq === this.searchSeq) this.searchError = messageOf(error)
      })
    } finally {
      runInAction(() => {
        if (seq === this.searchSeq) this.searching = false
      })
    }
  }

  /** The community of a 社区码, typed or scanned. */
  async findByCode(typed: string): Promise<Outcome<CommunitySummary>> {
    const code = normalizeCommunityCode(typed)
    if (!code) return { ok: false, message: CODE_MESSAGES.community, fields: { code: CODE_MESSAGES.community } }
    try {
      return { ok: true, value: await this.api.communities.byCode(code) }
    } catch (error) {
      return failed(error)
    }
  }

  /** Join as an unverified resident: answers the person as they are now (hand it to the session). */
  async join(communityId: string): Promise<Outcome<User>> {
    if (this.joining) return { ok: false, message: BUSY, fields: {} }
    this.joining = true
    try {
      const user = await this.api.communities.join(communityId)
      return { ok: true, value: user }
    } catch (error) {
      return failed(error)
    } finally {
      runInAction(() => (this.joining = false))
    }
  }

  // ── my household ──

  async loadHome(): Promise<void> {
    if (this.homeLoading) return
    this.homeLoading = true
    const gen = this.generation
    try {
      const home = await this.api.households.mine()
      runInAction(() => {
        if (gen !== this.generation) return
        this.home = home
        this.homeError = null
      })
    } catch (error) {
      runInAction(() => {
        if (gen === this.generation) this.homeError = messageOf(error)
      })
    } finally {
      runInAction(() => (this.homeLoading = false))
    }
  }

  /** Ask to be a verified member of a household (the screen checks the draft with refuseClaim first). */
  async claim(input: ClaimInput): Promise<Outcome<HouseholdClaim>> {
    if (this.claiming) return { ok: false, message: BUSY, fields: {} }
    this.claiming = true
    try {
      const claim = await this.api.households.claim(input)
      runInAction(() => this.putClaim(claim))
      return { ok: true, value: claim }
    } catch (error) {
      return failed(error)
    } finally {
      runInAction(() => (this.claiming = false))
    }
  }

  async withdraw(claimId: string): Promise<Outcome<HouseholdClaim>> {
    if (this.withdrawing) return { ok: false, message: BUSY, fields: {} }
    this.withdrawing = true
    try {
      const claim = await this.api.households.withdraw(claimId)
      runInAction(() => this.putClaim(claim))
      return { ok: true, value: claim }
    } catch (error) {
      return failed(error)
    } finally {
      runInAction(() => (this.withdrawing = false))
    }
  }

  /** Move out of my household (the session learns it on `refresh`). */
  async leave(): Promise<Outcome<void>> {
    if (this.leaving) return { ok: false, message: BUSY, fields: {} }
    this.leaving = true
    try {
      const home = await this.api.households.leave()
      runInAction(() => {
        this.home = home
        if (this.profile) this.profile = { ...this.profile, household: undefined, claims: home.claims }
      })
      return { ok: true, value: undefined }
    } catch (error) {
      return failed(error)
    } finally {
      runInAction(() => (this.leaving = false))
    }
  }

  /** Make a member of my household its representative (户代表). */
  async setRepresentative(userId: string): Promise<Outcome<Household>> {
    if (this.settingRepresentative) return { ok: false, message: BUSY, fields: {} }
    this.settingRepresentative = true
    try {
      const household = await this.api.households.setRepresentative(userId)
      runInAction(() => {
        if (this.home) this.home = { ...this.home, household }
        if (this.profile) this.profile = { ...this.profile, household }
      })
      return { ok: true, value: household }
    } catch (error) {
      return failed(error)
    } finally {
      runInAction(() => (this.settingRepresentative = false))
    }
  }

  // ── me ──

  async loadProfile(): Promise<void> {
    if (this.profileLoading) return
    this.profileLoading = true
    const gen = this.generation
    try {
      const profile = await this.api.profile.get()
      runInAction(() => {
        if (gen !== this.generation) return
        this.profile = profile
        this.profileError = null
        // The profile holds the household and claims too: one answer for both.
        this.home = { ...(profile.household ? { household: profile.household } : {}), claims: profile.claims }
      })
    } catch (error) {
      runInAction(() => {
        if (gen === this.generation) this.profileError = messageOf(error)
      })
    } finally {
      runInAction(() => (this.profileLoading = false))
    }
  }

  /** Every record about me (PIPL art. 45). */
  async loadData(): Promise<void> {
    if (this.dataLoading) return
    this.dataLoading = true
    const gen = this.generation
    try {
      const data = await this.api.profile.exportData()
      runInAction(() => {
        if (gen !== this.generation) return
        this.data = data
        this.dataError = null
      })
    } catch (error) {
      runInAction(() => {
        if (gen === this.generation) this.dataError = messageOf(error)
      })
    } finally {
      runInAction(() => (this.dataLoading = false))
    }
  }

  /** Use an invite code: answers the person with the role (hand it to the session). */
  async redeem(typed: string): Promise<Outcome<User>> {
    if (this.redeeming) return { ok: false, message: BUSY, fields: {} }
    const code = normalizeInviteCode(typed)
    if (!code) return { ok: false, message: CODE_MESSAGES.invite, fields: { code: CODE_MESSAGES.invite } }
    this.redeeming = true
    try {
      return { ok: true, value: await this.api.invites.redeem(code) }
    } catch (error) {
      return failed(error)
    } finally {
      runInAction(() => (this.redeeming = false))
    }
  }

  /** Delete my account (PIPL art. 47): the session ends with it; the screen signs out locally. */
  async deleteAccount(): Promise<Outcome<void>> {
    if (this.deleting) return { ok: false, message: BUSY, fields: {} }
    this.deleting = true
    try {
      await this.api.profile.deleteAccount()
      return { ok: true, value: undefined }
    } catch (error) {
      return failed(error)
    } finally {
      runInAction(() => (this.deleting = false))
    }
  }

  /** A claim's new state, first in my claims (newest first). */
  private putClaim(claim: HouseholdClaim): void {
    const others = this.claims.filter((c) => c.id !== claim.id)
    const claims = [claim, ...others].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    this.home = { ...(this.home ?? {}), claims }
    if (this.profile) this.profile = { ...this.profile, claims }
  }

  clear(): void {
    this.generation++
    this.searchSeq++
    this.query = ''
    this.results = []
    this.searching = false
    this.searched = false
    this.searchError = null
    this.joining = false
    this.home = null
    this.homeLoading = false
    this.homeError = null
    this.claiming = false
    this.withdrawing = false
    this.leaving = false
    this.settingRepresentative = false
    this.profile = null
    this.profileLoading = false
    this.profileError = null
    this.data = null
    this.dataLoading = false
    this.dataError = null
    this.redeeming = false
    this.deleting = false
  }
}
