import type { LocalPhoto } from '../../types/api'
import { toast } from '../navigation'
import { choosePhotos } from '../platform/media'

/** What picking photos says, on every screen that takes them but the report form (which says it in place). */
export const PHOTO_PICK = {
  refused: '未同意隐私保护指引，不能添加照片；不带照片也可以提交',
  tooMany: (max: number, n: number) => `最多${max}张，${n}张没有添加`,
  notImages: (n: number) => (n > 1 ? `${n}个文件不是图片，没有添加` : '有1个文件不是图片，没有添加'),
  failed: '照片读取失败，请重试',
} as const

/** The toast for one pick: refused, or what was left out (nothing when every photo went in). */
export function pickMessage(picked: { refused?: boolean; overLimit: number; notImages: number }, max: number): string | null {
  if (picked.refused) return PHOTO_PICK.refused
  const said = [picked.overLimit > 0 ? PHOTO_PICK.tooMany(max, picked.overLimit) : '', picked.notImages > 0 ? PHOTO_PICK.notImages(picked.notImages) : ''].filter(Boolean)
  return said.length ? said.join('；') : null
}

/**
 * Let the person add up to `room` photos (of `max` in all) and say in a toast what did not go in:
 * the privacy guide refused (the picker never opened), photos past the limit, files that are not
 * pictures, or a picker that failed. Gives the photos to add (none when refused or failed).
 */
export async function pickPhotosSaying(room: number, max: number): Promise<LocalPhoto[]> {
  try {
    const picked = await choosePhotos(room)
    const message = pickMessage(picked, max)
    if (message) toast(message)
    return picked.photos.slice(0, Math.max(0, room))
  } catch {
    toast(PHOTO_PICK.failed)
    return []
  }
}
