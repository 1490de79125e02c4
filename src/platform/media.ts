import Taro from '@tarojs/taro'
import type { LocalPhoto } from '../../types/api'

/** Photos are sent at about 1 MB or less (docs/budgets.md); larger ones are re-encoded. */
const TARGET_BYTES = 1024 * 1024
const MAX_EDGE = 1600

function isCancel(error: unknown): boolean {
  const msg = (error as { errMsg?: string })?.errMsg ?? String(error)
  return /cancel/i.test(msg)
}

/**
 * Let the user take or pick up to `count` photos. Each comes back compressed and stored where it
 * survives the app being killed (a saved file on weapp, a data URL on H5), so drafts keep them.
 */
export async function pickPhotos(count: number): Promise<LocalPhoto[]> {
  if (count <= 0) return []
  let files: Array<{ tempFilePath: string; size: number; width?: number; height?: number }>
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    files = res.tempFiles as typeof files
  } catch (error) {
    if (isCancel(error)) return []
    throw error
  }
  const photos: LocalPhoto[] = []
  for (const file of files.slice(0, count)) {
    photos.push(process.env.TARO_ENV === 'h5' ? await compressInBrowser(file.tempFilePath) : await keepOnDevice(file))
  }
  return photos
}

async function keepOnDevice(file: { tempFilePath: string; size: number; width?: number; height?: number }): Promise<LocalPhoto> {
  let path = file.tempFilePath
  let bytes = file.size
  if (bytes > TARGET_BYTES) {
    const res = await Taro.compressImage({ src: path, quality: 70 })
    path = res.tempFilePath
    bytes = Math.round(bytes * 0.5)
  }
  // Temp files die with the app; a saved copy lets a draft outlive a crash.
  try {
    path = Taro.getFileSystemManager().saveFileSync(path) as unknown as string
  } catch {
    // Storage for saved files is full: keep the temp path; the draft still works until restart.
  }
  return { path, bytes, width: file.width, height: file.height }
}

/** Re-encode in a canvas: JPEG, longest edge ≤ 1600 px, as a data URL that survives a reload. */
function compressInBrowser(url: string): Promise<LocalPhoto> {
  return new Promise((resolve, reject) => {
    const img = new window.Image()
    img.onload = () => {
      const scale = Math.min(1, MAX_EDGE / Math.max(img.naturalWidth, img.naturalHeight))
      const width = Math.max(1, Math.round(img.naturalWidth * scale))
      const height = Math.max(1, Math.round(img.naturalHeight * scale))
      const canvas = document.createElement('canvas')
      canvas.width = width
      canvas.height = height
      const ctx = canvas.getContext('2d')
      if (!ctx) return reject(new Error('canvas unavailable'))
      ctx.drawImage(img, 0, 0, width, height)
      let quality = 0.8
      let data = canvas.toDataURL('image/jpeg', quality)
      while (data.length * 0.75 > TARGET_BYTES && quality > 0.3) {
        quality -= 0.15
        data = canvas.toDataURL('image/jpeg', quality)
      }
      resolve({ path: data, bytes: Math.round(data.length * 0.75), width, height })
    }
    img.onerror = () => reject(new Error('这张图片无法读取，请换一张'))
    img.src = url
  })
}

export function previewPhotos(urls: string[], current: number): void {
  void Taro.previewImage({ urls, current: urls[current] }).catch(() => undefined)
}
