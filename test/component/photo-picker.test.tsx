/**
 * The H5 photo picker (src/platform/media.ts) in jsdom: the browser's file picker answers the files
 * a test chooses, <img> loads at once (a file named "broken…" fails to), and the canvas re-encodes
 * to a fixed JPEG. What the picker leaves out is counted, never dropped without a word.
 */
import { choosePhotos, sortPicked } from '../../src/platform/media'

const JPEG = 'data:image/jpeg;base64,AAAA'
let chosen: File[] | null = []

beforeEach(() => {
  chosen = []
  jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
    const input = this
    setTimeout(() => {
      if (chosen === null) {
        input.dispatchEvent(new Event('cancel'))
        return
      }
      Object.defineProperty(input, 'files', { value: chosen, configurable: true })
      input.dispatchEvent(new Event('change'))
    })
  })
  class LoadingImage {
    onload: (() => void) | null = null
    onerror: (() => void) | null = null
    naturalWidth = 40
    naturalHeight = 30
    set src(url: string) {
      setTimeout(() => (url.includes('broken') ? this.onerror?.() : this.onload?.()))
    }
  }
  ;(window as unknown as { Image: unknown }).Image = LoadingImage
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ({ drawImage: () => undefined })) as never)
  jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation(() => JPEG)
  Object.assign(URL, { createObjectURL: (f: File) => `blob:${f.name}`, revokeObjectURL: () => undefined })
})

afterEach(() => jest.restoreAllMocks())

const file = (name: string, type: string) => new File(['x'], name, { type })
const pictures = (n: number) => Array.from({ length: n }, (_, i) => file(`p${i + 1}.jpg`, 'image/jpeg'))

test('ten pictures for nine places: the first nine are kept and one is counted over', async () => {
  chosen = pictures(10)
  const picked = await choosePhotos(9)
  expect(picked.photos).toHaveLength(9)
  expect(picked.photos[0]).toMatchObject({ path: JPEG, width: 40, height: 30 })
  expect(picked.overLimit).toBe(1)
  expect(picked.notImages).toBe(0)
})

test('a document and an unreadable picture are counted as not pictures; the rest come back', async () => {
  chosen = [file('通知.pdf', 'application/pdf'), file('p1.jpg', 'image/jpeg'), file('broken.png', 'image/png')]
  const picked = await choosePhotos(9)
  expect(picked.photos).toHaveLength(1)
  expect(picked.notImages).toBe(2)
  expect(picked.overLimit).toBe(0)
})

test('cancelling the picker answers nothing left out', async () => {
  chosen = null
  expect(await choosePhotos(3)).toEqual({ photos: [], overLimit: 0, notImages: 0 })
  expect(await choosePhotos(0)).toEqual({ photos: [], overLimit: 0, notImages: 0 })
})

test('sortPicked keeps pictures in order up to the room and counts the rest', () => {
  const files = [{ type: 'image/png', n: 1 }, { type: 'text/plain', n: 2 }, { type: 'image/jpeg', n: 3 }, { type: 'image', n: 4 }, { n: 5 }]
  expect(sortPicked(files, 2)).toEqual({ take: [files[0], files[2]], overLimit: 2, notImages: 1 })
  expect(sortPicked(files, 0)).toEqual({ take: [], overLimit: 4, notImages: 1 })
})
