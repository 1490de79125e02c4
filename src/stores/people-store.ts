import { makeAutoObservable } from 'mobx'
import type { ApiClient } from '../api/client'
import type { OnSignOut } from './sign-out'

/** People with roles in the community, taking a role away; the community's own code (社区码). */
export class PeopleStore {
  constructor(
    private readonly api: Pick<ApiClient, 'people' | 'communities' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<PeopleStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.membership
  }

  clear(): void {}
}
