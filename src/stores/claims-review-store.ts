import { makeAutoObservable } from 'mobx'
import type { ApiClient } from '../api/client'
import type { OnSignOut } from './sign-out'

/** Household claims waiting for review (staff: the community; a building leader: their buildings), approve and reject with a reason. */
export class ClaimsReviewStore {
  constructor(
    private readonly api: Pick<ApiClient, 'households' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<ClaimsReviewStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.membership
  }

  clear(): void {}
}
