import type { DirectoryApi } from '../../client'
import { directory } from '../endpoints/directory'
import type { HttpContext } from './context'

export function directoryApi({ call }: HttpContext): DirectoryApi {
  return { getCommunity: () => call(directory.community) }
}
