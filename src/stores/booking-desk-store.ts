import { makeAutoObservable } from 'mobx'
import type { ApiClient } from '../api/client'
import type { OnSignOut } from './sign-out'

/** The staff's booking desk: a service's day with check-in, bookings to confirm, publishing and editing services, 代约, household tags, exports. */
export class BookingDeskStore {
  constructor(
    private readonly api: Pick<ApiClient, 'services' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<BookingDeskStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers service booking at all. */
  get available(): boolean {
    return this.api.capabilities.services
  }

  clear(): void {}
}
