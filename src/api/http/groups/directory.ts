import type { DirectoryApi } from '../../client'
import { ENDPOINTS } from '../endpoints'
import type { HttpContext } from './context'

export function directoryApi({ call }: HttpContext): DirectoryApi {
  return { getCommunity: () => call(ENDPOINTS.directory.community) }
}
