import { makeAutoObservable } from 'mobx'
import type { ApiClient } from '../api/client'
import type { OnSignOut } from './sign-out'

/** 民事民提 and 民事民评: proposal lists, one proposal, proposing with similar suggestions, co-signs, staff answers, minutes, progress, ratings. */
export class ProposalsStore {
  constructor(
    private readonly api: Pick<ApiClient, 'conventions' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<ProposalsStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers conventions and consultation at all. */
  get available(): boolean {
    return this.api.capabilities.conventions
  }

  clear(): void {}
}
