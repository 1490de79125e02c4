import { makeAutoObservable } from 'mobx'
import type { ApiClient } from '../api/client'
import type { OnSignOut } from './sign-out'

/** The community's structure on the admin screens: categories and deadlines, reply templates, grids and buildings. */
export class StructureStore {
  constructor(
    private readonly api: Pick<ApiClient, 'admin' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<StructureStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.membership
  }

  clear(): void {}
}
