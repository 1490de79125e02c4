import { makeAutoObservable } from 'mobx'
import type { ApiClient } from '../api/client'
import type { OnSignOut } from './sign-out'

/** 我的预约: my coming bookings (with their check-in codes) and my household's pause, the past a page at a time, one booking, and what I may do with it (cancel, move, rate). */
export class MyBookingsStore {
  constructor(
    private readonly api: Pick<ApiClient, 'services' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<MyBookingsStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers service booking at all. */
  get available(): boolean {
    return this.api.capabilities.services
  }

  clear(): void {}
}
