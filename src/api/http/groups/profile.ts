import type { ProfileApi } from '../../client'
import { profile } from '../endpoints/profile'
import { compact } from './bodies'
import type { HttpContext } from './context'

export function profileApi({ call, vault }: HttpContext): ProfileApi {
  return {
    get: () => call(profile.get),
    update: ({ name, phone }) => call(profile.update, { body: compact({ name, phone }) }),
    exportData: () => call(profile.exportData),
    /** The account and every session of it are gone: so is the one on this device. */
    deleteAccount: async () => {
      await call(profile.deleteAccount)
      vault.forget()
    },
  }
}
