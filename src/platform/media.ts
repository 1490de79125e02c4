import Taro from '@tarojs/taro'
import type { LocalPhoto } from '../../types/api'
import { askPrivacy } from './privacy'

/** Photos are sent at about 1 MB or less (docs/budgets.md); larger ones are re-encoded. */
const TARGET_BYTES = 1024 * 1024
const MAX_EDGE = 1600

function isCancel(error: unknown): boolean {
  const msg = (error as { errMsg?: string })?.errMsg ?? String(error)
  return /cancel/i.test(msg)
}

/** "chooseMedia:fail privacy permission is not authorized": refused in WeChat's own dialog. */
function isPrivacyRefusal(error: unknown): boolean {
  return /privacy/i.test((error as { errMsg?: string })?.errMsg ?? '')
}

/** What came back from the picker, and what was left out (so the screen can say so). */
export interface PickedPhotos {
  photos: LocalPhoto[]
  /** Photos picked beyond the room left (the first ones are kept). */
  overLimit: number
  /** Files that are not images, or images that could not be read. */
  notImages: number
  /** The person did not agree to the privacy guide: the picker never opened (the screen says so). */
  refused?: boolean
}

/**
 * Sort what the user picked: images first come, first kept up to `room`; the rest are counted, not
 * silently dropped. A file without a type (the mini-program's temp files) counts as an image.
 */
export function sortPicked<F extends { type?: string }>(files: F[], room: number): { take: F[]; overLimit: number; notImages: number } {
  const images = files.filter((f) => !f.type || /^image\//i.test(f.type) || f.type === 'image')
  const take = images.slice(0, Math.max(0, room))
  return { take, overLimit: images.length - take.length, notImages: files.length - images.length }
}

/**
 * Let the user take or pick up to `count` photos. Each comes back compressed and stored where it
 * survives the app being killed (a saved file on weapp, a data URL on H5), so drafts keep them.
 * Photos past `count` and files that are not images are counted in the answer. In the
 * mini-program the picker opens only once the privacy guide is agreed to (src/platform/privacy.ts).
 */
export async function choosePhotos(count: number): Promise<PickedPhotos> {
  const none: PickedPhotos = { photos: [], overLimit: 0, notImages: 0 }
  if (count <= 0) return none
  if (process.env.TARO_ENV === 'h5') {
    // The browser's own file picker: Taro's drops files past `count` and files that fail to load as
    // an image without a word; here each is counted.
    const { take, overLimit, notImages } = sortPicked(await chooseInBrowser(count), count)
    const photos: LocalPhoto[] = []
    let unreadable = 0
    for (const file of take) {
      const url = URL.createObjectURL(file)
      try {
        photos.push(await compressInBrowser(url))
      } catch {
        unreadable += 1
      } finally {
        URL.revokeObjectURL(url)
      }
    }
    return { photos, overLimit, notImages: notImages + unreadable }
  }
  if (!(await askPrivacy('photos'))) return { ...none, refused: true }
  let files: Array<{ tempFilePath: string; size: number; width?: number; height?: number; fileType?: string }>
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    files = res.tempFiles as typeof files
  } catch (error) {
    if (isCancel(error)) return none
    if (isPrivacyRefusal(error)) return { ...none, refused: true }
    throw error
  }
  const { take, overLimit, notImages } = sortPicked(
    files.map((f) => ({ ...f, type: f.fileType })),
    count,
  )
  const photos: LocalPhoto[] = []
  for (const file of take) photos.push(await keepOnDevice(file))
  return { photos, overLimit, notImages }
}

/** The photos only (screens that say nothing about what was left out). */
export async function pickPhotos(count: number): Promise<LocalPhoto[]> {
  return (await choosePhotos(count)).photos
}

const PICKER_ID = 'linli-photo-picker'

/** A hidden <input type="file">: every file the user chose, or none when they cancel. */
function chooseInBrowser(count: number): Promise<File[]> {
  return new Promise((resolve) => {
    // A browser without the `cancel` event leaves a cancelled picker's input behind: drop it.
    document.getElementById(PICKER_ID)?.remove()
    const input = document.createElement('input')
    input.id = PICKER_ID
    input.type = 'file'
    input.accept = 'image/*'
    input.multiple = count > 1
    input.setAttribute('style', 'position: fixed; top: -4000px; left: -3000px; z-index: -300;')
    const done = (files: File[]) => {
      input.remove()
      resolve(files)
    }
    input.addEventListener('change', () => done(Array.from(input.files ?? [])))
    input.addEventListener('cancel', () => done([]))
    document.body.appendChild(input)
    input.click()
  })
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
