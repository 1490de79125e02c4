import { makeAutoObservable } from 'mobx'
import type { ApiClient } from '../api/client'
import type { OnSignOut } from './sign-out'

/** The catalogue and a service's calendar (slots with seats left), and booking a slot (drafts kept, keyed submission). */
export class ServicesStore {
  constructor(
    private readonly api: Pick<ApiClient, 'services' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<ServicesStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers service booking at all. */
  get available(): boolean {
    return this.api.capabilities.services
  }

  clear(): void {}
}
