import { makeAutoObservable } from 'mobx'
import type { ApiClient } from '../api/client'
import type { OnSignOut } from './sign-out'

/** Joining a community, claiming and following my household, using an invite, my profile and my data (the resident's side of issue 10). */
export class MembershipStore {
  constructor(
    private readonly api: Pick<ApiClient, 'communities' | 'households' | 'invites' | 'profile' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<MembershipStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.membership
  }

  clear(): void {}
}
