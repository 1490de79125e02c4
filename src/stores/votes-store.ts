import { makeAutoObservable } from 'mobx'
import type { ApiClient } from '../api/client'
import type { OnSignOut } from './sign-out'

/** 民事民决: vote lists, one vote, casting, paper ballots, the roll, opening a vote, publishing the result. */
export class VotesStore {
  constructor(
    private readonly api: Pick<ApiClient, 'conventions' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<VotesStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers conventions and consultation at all. */
  get available(): boolean {
    return this.api.capabilities.conventions
  }

  clear(): void {}
}
