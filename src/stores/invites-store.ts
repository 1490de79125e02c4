import { makeAutoObservable } from 'mobx'
import type { ApiClient } from '../api/client'
import type { OnSignOut } from './sign-out'

/** The community's invitations: create one (role, grids or buildings, expiry), show its code and mini-program code, cancel. */
export class InvitesStore {
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

  clear(): void {}
}
