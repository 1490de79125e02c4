/**
 * Real, decodable test images (the server decodes and re-encodes every upload with sharp), and
 * multipart bodies carrying them.
 */
import { deflateSync } from 'node:zlib'
import sharp, { type Sharp } from 'sharp'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

/** Red left to right, green top to bottom: which way up a picture is shows in its pixels. */
function pixel(x: number, y: number, width: number, height: number): [number, number, number] {
  return [Math.round((255 * x) / Math.max(1, width - 1)), Math.round((255 * y) / Math.max(1, height - 1)), 128]
}

/**
 * A real RGB PNG of `width` × `height` (a gradient), written synchronously. `padTo`: exactly that
 * many bytes, with private ancillary chunks (`liNl`, ≤ 1 MB each: libpng refuses larger ones) that
 * every decoder skips — the size limit tests need a big file that is still an image.
 */
export function png(width = 3, height = 2, padTo = 0): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8 bits, RGB, deflate, no filter method, no interlace
  const rows = Buffer.alloc(height * (1 + width * 3))
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set(pixel(x, y, width, height), y * (1 + width * 3) + 1 + x * 3)
  }
  const head = [Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows))]
  const end = chunk('IEND', Buffer.alloc(0))
  const size = head.reduce((n, b) => n + b.length, end.length)
  if (padTo <= size) return Buffer.concat([...head, end])
  const rest = padTo - size
  const count = Math.ceil(rest / (1024 * 1024 + 12))
  if (rest < 12 * count) throw new Error(`png: cannot pad ${size} bytes to exactly ${padTo}`)
  const padding = Array.from({ length: count }, (_, i) => {
    const data = Math.floor((rest - 12 * count) / count) + (i < (rest - 12 * count) % count ? 1 : 0)
    return chunk('liNl', Buffer.alloc(data, 0x2a))
  })
  return Buffer.concat([...head, ...padding, end])
}

/** A PNG whose header names `width` × `height` pixels, followed by one row's worth of data: a decompression bomb's header. */
export function pngClaiming(width: number, height: number): Buffer {
  const real = png(1, 1)
  const ihdr = Buffer.from(real.subarray(16, 29))
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  return Buffer.concat([real.subarray(0, 8), chunk('IHDR', ihdr), real.subarray(33)])
}

/**
 * The gradient, for sharp: drawn pixel by pixel up to 64 × 64, and stretched (bilinear, which keeps
 * it a gradient) to a larger size — a JavaScript loop over 12 megapixels is slow under jest.
 */
function gradient(width: number, height: number): Sharp {
  const w = Math.min(width, 64)
  const h = Math.min(height, 64)
  const raw = Buffer.alloc(w * h * 3)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(pixel(x, y, w, h), (y * w + x) * 3)
  const small = sharp(raw, { raw: { width: w, height: h, channels: 3 } })
  if (w === width && h === height) return small
  return small.resize(width, height, { fit: 'fill', kernel: 'linear' })
}

/** A real JPEG whose frame header names `width` × `height` (up to 65 535 a side): a decompression bomb's header. */
export async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const bytes = await jpeg(16, 16)
  let sof = 2
  while (!(bytes[sof] === 0xff && bytes[sof + 1] === 0xc0)) sof++
  bytes.writeUInt16BE(height, sof + 5)
  bytes.writeUInt16BE(width, sof + 7)
  return bytes
}

/** EXIF GPS position of the test photos: 31°14'25.00" N, 121°28'12.34" E (Shanghai). */
export const GPS = { latitude: '31/1 14/1 2500/100', longitude: '121/1 28/1 1234/100' }
/** The camera's name written into the test photos' EXIF. */
export const CAMERA = 'LinliTestCam'

/**
 * A real JPEG of `width` × `height` stored pixels. `exif`: with an APP1 EXIF segment — camera make,
 * date and the GPS position above — and an sRGB ICC profile; `orientation` (EXIF 1–8) too.
 */
export async function jpeg(width = 32, height = 16, options: { exif?: boolean; orientation?: number; quality?: number } = {}): Promise<Buffer> {
  let image = gradient(width, height).jpeg({ quality: options.quality ?? 90 })
  if (options.exif || options.orientation) image = image.withMetadata(options.orientation ? { orientation: options.orientation } : {})
  if (options.exif) {
    image = image.withExif({
      IFD0: { Make: CAMERA, Model: 'X1', DateTime: '2026:10:01 08:30:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: GPS.latitude, GPSLongitudeRef: 'E', GPSLongitude: GPS.longitude },
    })
  }
  return image.toBuffer()
}

export async function webp(width = 640, height = 480): Promise<Buffer> {
  return gradient(width, height).webp().toBuffer()
}

/** The 8 bytes of an EXIF RATIONAL `num/den`, in either byte order (EXIF may be II or MM). */
export function rational(num: number, den: number): Buffer[] {
  const le = Buffer.alloc(8)
  le.writeUInt32LE(num, 0)
  le.writeUInt32LE(den, 4)
  const be = Buffer.alloc(8)
  be.writeUInt32BE(num, 0)
  be.writeUInt32BE(den, 4)
  return [le, be]
}

export function multipart(
  parts: Array<{ name: string; filename?: string; contentType?: string; data: Buffer | string }>,
): { headers: Record<string, string>; payload: Buffer } {
  const boundary = `----linli${Math.random().toString(16).slice(2)}`
  const chunks: Buffer[] = []
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`))
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data))
    chunks.push(Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(chunks) }
}

export const photoFile = (data: Buffer, contentType = 'image/png', filename = 'photo.png') =>
  multipart([{ name: 'file', filename, contentType, data }])

/**
 * A PNG of random pixels, about `bytes` long, that stays about as long when the server re-encodes it
 * (noise does not compress): for the quotas on stored bytes. Seeded, so every run uploads the same.
 */
export async function noisyPng(bytes: number, seed = 1): Promise<Buffer> {
  const side = Math.floor(Math.sqrt((bytes * 0.995) / 3))
  const raw = Buffer.alloc(side * side * 3)
  let state = seed >>> 0 || 1
  for (let i = 0; i < raw.length; i++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    raw[i] = state & 0xff
  }
  return sharp(raw, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer()
}
