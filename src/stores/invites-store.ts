import { makeAutoObservable, runInAction } from 'mobx'
import type { Building, Grid, Id, Invite, InvitedRole } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import type { Actor } from '../domain/actor'
import { invitableRoles, refuseInvite, type InviteDraft, type Refusal } from '../domain/membership'
import { loadInto } from './load-into'
import type { OnSignOut } from './sign-out'

/** The expiry choices (hours): 1, 3, 7 and 30 days. */
export const INVITE_EXPIRIES = [24, 72, 168, 720] as const

export interface InvitePlace {
  grids: readonly Grid[]
  buildings: readonly Building[]
}

/** The invite just made, with its mini-program code when the backend can draw one. */
export interface CreatedInvite {
  invite: Invite
  /** A PNG data URL; null while it is asked for or when there is none. */
  qr: string | null
  /** The backend cannot draw mini-program codes (not_supported): the code is told instead. */
  qrUnavailable: boolean
}

const emptyDraft = (role: InvitedRole = 'grid_worker'): InviteDraft => ({ role, gridIds: [], buildingIds: [], note: '', expiresInHours: 168 })

/** The community's invitations: create one (role, grids or buildings, expiry), show its code and mini-program code, cancel. */
export class InvitesStore {
  draft: InviteDraft = emptyDraft()
  /** Shown once the person has tried to send: the form's messages appear as they type after that. */
  tried = false
  sending = false
  /** Why the backend refused the draft (the rules' messages are computed, not stored). */
  sendError: string | null = null
  created: CreatedInvite | null = null

  invites: Invite[] = []
  loaded = false
  loading = false
  error: string | null = null
  busyId: Id | null = null
  rowErrors: Record<Id, string> = {}

  constructor(
    private readonly api: Pick<ApiClient, 'invites' | 'directory' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<InvitesStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.membership
  }

  /** The roles this person may hand out (`invitableRoles`). */
  roles(actor: Pick<Actor, 'roles'>): InvitedRole[] {
    return invitableRoles(actor)
  }

  /** The rules' answer on the draft as it is (null: it may be sent). */
  refusal(actor: Actor, place: InvitePlace): Refusal | null {
    return refuseInvite(actor, this.draft, place)
  }

  /** A draft on a role this person cannot give starts on the first role they can. */
  start(actor: Pick<Actor, 'roles'>): void {
    const roles = invitableRoles(actor)
    if (roles.length && !roles.includes(this.draft.role)) this.draft = emptyDraft(roles[0])
  }

  setRole(role: InvitedRole): void {
    // Grids belong to grid workers, buildings to building leaders: what the other role chose goes.
    this.draft = { ...this.draft, role, gridIds: role === 'grid_worker' ? this.draft.gridIds : [], buildingIds: role === 'building_leader' ? this.draft.buildingIds : [] }
    this.sendError = null
  }

  toggleGrid(id: Id): void {
    const ids = this.draft.gridIds
    this.draft = { ...this.draft, gridIds: ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id] }
    this.sendError = null
  }

  toggleBuilding(id: Id): void {
    const ids = this.draft.buildingIds
    this.draft = { ...this.draft, buildingIds: ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id] }
    this.sendError = null
  }

  setNote(note: string): void {
    this.draft = { ...this.draft, note }
    this.sendError = null
  }

  setExpiry(hours: number): void {
    this.draft = { ...this.draft, expiresInHours: hours }
    this.sendError = null
  }

  /** Make the invite: refused by the rules without asking the backend; then its mini-program code. */
  async create(actor: Actor, place: InvitePlace): Promise<boolean> {
    this.tried = true
    if (this.sending || this.refusal(actor, place)) return false
    this.sending = true
    this.sendError = null
    try {
      const invite = await this.api.invites.create({ ...this.draft, gridIds: [...this.draft.gridIds], buildingIds: [...this.draft.buildingIds] })
      runInAction(() => {
        this.created = { invite, qr: null, qrUnavailable: false }
        this.invites = [invite, ...this.invites.filter((i) => i.id !== invite.id)]
        this.draft = emptyDraft(this.draft.role)
        this.tried = false
      })
      void this.loadQr(invite.id)
      return true
    } catch (error) {
      runInAction(() => (this.sendError = messageOf(error)))
      return false
    } finally {
      runInAction(() => (this.sending = false))
    }
  }

  private async loadQr(inviteId: Id): Promise<void> {
    try {
      const { dataUrl } = await this.api.invites.qrCode(inviteId)
      runInAction(() => {
        if (this.created?.invite.id === inviteId) this.created = { ...this.created, qr: dataUrl }
      })
    } catch (error) {
      // No picture (not_supported, or it failed): the code itself is what is passed on.
      runInAction(() => {
        if (this.created?.invite.id === inviteId) this.created = { ...this.created, qrUnavailable: true }
      })
      if (!isApiError(error)) throw error
    }
  }

  /** Back to the form for another invite. */
  dismissCreated(): void {
    this.created = null
  }

  async load(): Promise<void> {
    if (!this.available) return
    await loadInto(this, () => this.api.invites.list(), (invites) => (this.invites = invites))
  }

  async cancel(inviteId: Id): Promise<boolean> {
    if (this.busyId) return false
    this.busyId = inviteId
    delete this.rowErrors[inviteId]
    try {
      const invite = await this.api.invites.cancel(inviteId)
      runInAction(() => {
        this.invites = this.invites.map((i) => (i.id === inviteId ? invite : i))
        if (this.created?.invite.id === inviteId) this.created = null
      })
      return true
    } catch (error) {
      runInAction(() => (this.rowErrors[inviteId] = messageOf(error)))
      // Used or expired meanwhile: read the list again so the row says so.
      if (isApiError(error) && error.kind === 'conflict') void this.load()
      return false
    } finally {
      runInAction(() => (this.busyId = null))
    }
  }

  clear(): void {
    this.draft = emptyDraft()
    this.tried = false
    this.sending = false
    this.sendError = null
    this.created = null
    this.invites = []
    this.loaded = false
    this.loading = false
    this.error = null
    this.busyId = null
    this.rowErrors = {}
  }
}
