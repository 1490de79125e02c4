import { makeAutoObservable } from 'mobx'
import type { ApiClient } from '../api/client'
import type { OnSignOut } from './sign-out'

/** Conventions (公约): the list, one convention with its versions, the diff, 承诺遵守, the acknowledgement sheet, staff drafts. */
export class ConventionsStore {
  constructor(
    private readonly api: Pick<ApiClient, 'conventions' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<ConventionsStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers conventions and consultation at all. */
  get available(): boolean {
    return this.api.capabilities.conventions
  }

  clear(): void {}
}
