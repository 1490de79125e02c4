import type { LocalPhoto } from '../../../../types/api'
import type { MediaApi } from '../../client'
import { ApiError } from '../../errors'
import { media } from '../endpoints/media'
import type { HttpContext } from './context'

export function mediaApi({ call }: HttpContext): MediaApi {
  return {
    uploadPhoto: async (photo: LocalPhoto) => {
      if (!photo || typeof photo.path !== 'string' || photo.path === '') {
        throw new ApiError('validation', '照片无效，请重新选择', { fields: { photo: '照片无效，请重新选择' } })
      }
      return call(media.uploadPhoto, { file: photo.path })
    },
  }
}
