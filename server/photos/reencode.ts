import sharp from 'sharp'
import type { ImageType } from './sniff'

/**
 * Every photo is decoded and encoded again before it is stored (ADR 0019): what a phone wrote into
 * the file besides the pixels — EXIF with the GPS position, the camera and the time, XMP, IPTC,
 * comments, thumbnails — never reaches another person.
 */

/** The longest side of a stored photo, in pixels: plenty for a phone screen and its preview. */
export const MAX_PHOTO_SIDE = 2560
/** A larger picture is refused before it is decoded (a decompression bomb): 64 megapixels. */
export const MAX_INPUT_PIXELS = 64 * 1024 * 1024
/** One photo may take the encoder this long, at most. */
const TIMEOUT_SECONDS = 30

export interface StoredImage {
  bytes: Buffer
  contentType: ImageType
  width: number
  height: number
}

/** Why a photo could not be re-encoded: the pixels are too many, or the bytes are no image sharp can read. */
export class PhotoRejected extends Error {
  constructor(
    readonly reason: 'too_many_pixels' | 'undecodable',
    /** What sharp threw (or why the format did not match). */
    readonly source: unknown,
  ) {
    super(`photo rejected: ${reason}: ${source instanceof Error ? source.message : String(source)}`)
    this.name = 'PhotoRejected'
  }
}

const SHARP_FORMAT: Record<ImageType, 'jpeg' | 'png' | 'webp'> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' }

/**
 * The photo as it is stored: turned upright by its EXIF orientation, shrunk to fit
 * MAX_PHOTO_SIDE × MAX_PHOTO_SIDE (never enlarged), its colours converted to sRGB by its embedded
 * ICC profile (sharp's default), and encoded again in the format it came in (`type`, which its first
 * bytes told) with no metadata at all — no ICC profile either: untagged pixels are read as sRGB
 * everywhere. Only the first frame of an
 * animation is kept.
 */
export async function reencodePhoto(input: Buffer, type: ImageType): Promise<StoredImage> {
  const image = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).timeout({ seconds: TIMEOUT_SECONDS })
  let format: string | undefined
  try {
    format = (await image.metadata()).format
  } catch (error) {
    throw rejection(error)
  }
  // The loader libvips chose must be the one the magic bytes named (no TIFF, SVG or HEIF in disguise).
  if (format !== SHARP_FORMAT[type]) throw new PhotoRejected('undecodable', new Error(`sniffed ${type}, decoded as ${format}`))
  image.autoOrient().resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true })
  if (type === 'image/jpeg') image.jpeg({ quality: 82, progressive: true })
  else if (type === 'image/png') image.png({ compressionLevel: 6 })
  else image.webp({ quality: 80 })
  try {
    const { data, info } = await image.toBuffer({ resolveWithObject: true })
    return { bytes: data, contentType: type, width: info.width, height: info.height }
  } catch (error) {
    throw rejection(error)
  }
}

function rejection(error: unknown): PhotoRejected {
  const message = error instanceof Error ? error.message : String(error)
  return new PhotoRejected(/pixel limit/i.test(message) ? 'too_many_pixels' : 'undecodable', error)
}
