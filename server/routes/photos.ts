import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { PhotoSchema } from '../../types/contract'
import { API } from '../../types/routes'
import { ApiError } from '../../src/core/errors'
import { badRequest, HttpError, notFound } from '../errors'
import { callerOf } from '../plugins/auth'
import { PhotoRejected, reencodePhoto } from '../photos/reencode'
import { sniffImage } from '../photos/sniff'
import { PHOTO_KEY, PHOTO_ROUTE } from '../photos/storage'
import { errorResponses, ref } from '../schemas'
import type { RouteDeps } from './deps'

export const UNSUPPORTED_IMAGE = '只能上传图片（JPG/PNG/WebP）'
export const UNREADABLE_IMAGE = '照片已损坏或无法识别，请换一张'
export const TOO_MANY_PIXELS = '照片像素太多，请缩小后再上传'
export const MALFORMED_UPLOAD = '上传内容不完整或格式不正确，请重新上传'

/**
 * What reading the multipart body threw, as the contract's error: our own errors and the plugin's
 * limits (413, answered by the error handler) as they are; anything else the parser met — no
 * boundary, a body cut off mid-part, a broken part header — is a malformed request, never a 500.
 */
function uploadError(error: unknown): unknown {
  if (error instanceof ApiError) return error
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && code.startsWith('FST_') && code !== 'FST_PROTO_VIOLATION') return error
  return new HttpError('validation', MALFORMED_UPLOAD, { status: 400, fields: { file: MALFORMED_UPLOAD } })
}

/**
 * POST /photos: one image in the multipart field "file"; JPEG, PNG or WebP by its bytes; ≤ 10 MB.
 * Stored re-encoded (photos/reencode.ts): upright, at most 2560 px a side, without any metadata.
 */
export const photoUploadRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core, storage, maxPhotoBytes }) => {
  // Multipart is parsed in this scope only: every other route takes JSON.
  await app.register(multipart, { limits: { fileSize: maxPhotoBytes, files: 1, fields: 10, parts: 11, fieldSize: 1024 } })

  app.post(
    API.photos,
    {
      schema: {
        tags: ['photos'],
        summary: '上传一张照片（multipart/form-data，字段 file）',
        description:
          `JPEG、PNG 或 WebP（按文件内容判断），不超过 ${Math.round(maxPhotoBytes / 1048576)} MB。` +
          '服务器按 EXIF 方向摆正、长边缩至 2560 像素以内并重新编码后保存，不保留任何元数据（含 GPS 位置）。返回的 id 用于提交诉求或处置步骤。',
        consumes: ['multipart/form-data'],
        security: [{ bearerAuth: [] }],
        response: { 201: ref(PhotoSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      if (!request.isMultipart()) {
        throw new HttpError('validation', '请以 multipart/form-data 上传照片（字段 file）', { status: 415, fields: { file: '请选择照片' } })
      }
      // Today's photos and bytes, before the body is read (rate_limited with the limit).
      await core.photos.admit(caller)
      let bytes: Buffer
      try {
        const part = await request.file()
        if (!part || part.fieldname !== 'file') throw badRequest({ file: '请选择照片' })
        bytes = await part.toBuffer() // over the size limit: RequestFileTooLargeError → 413
      } catch (error) {
        throw uploadError(error)
      }
      if (bytes.length === 0) throw badRequest({ file: '照片是空的，请重新选择' })
      // What the bytes are decides, not the part's declared type (weapp uploads say octet-stream anyway).
      const sniffed = sniffImage(bytes)
      if (!sniffed) throw new HttpError('validation', UNSUPPORTED_IMAGE, { status: 415, fields: { file: UNSUPPORTED_IMAGE } })
      let image
      try {
        image = await reencodePhoto(bytes, sniffed.contentType)
      } catch (error) {
        if (!(error instanceof PhotoRejected)) throw error
        if (error.reason === 'too_many_pixels') throw new HttpError('validation', TOO_MANY_PIXELS, { status: 413, fields: { file: TOO_MANY_PIXELS } })
        throw new HttpError('validation', UNREADABLE_IMAGE, { status: 415, fields: { file: UNREADABLE_IMAGE } })
      }
      const id = core.photos.newId()
      await storage.put(id, image.bytes, image.contentType)
      const photo = await core.photos.record(caller, { id, contentType: image.contentType, bytes: image.bytes.length, width: image.width, height: image.height })
      return reply.code(201).send(photo)
    },
  )
}

/**
 * GET /files/photos/:id?exp=…&sig=… — the bytes, for a URL this server signed and that has not
 * expired (photos/signing.ts, ADR 0019). No session: a mini-program <image> cannot send headers, so
 * the signed URL is the permission, for 7 to 8 days; the app gets fresh URLs with every read.
 */
export const photoFileRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core, storage, photoSigner }) => {
  app.get(
    `${PHOTO_ROUTE}/:id`,
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
      },
    },
    async (request, reply) => {
      const id = request.params.id
      if (!PHOTO_KEY.test(id)) throw notFound('照片不存在')
      const { exp, sig } = request.query as Record<string, unknown>
      const signature = photoSigner.check(id, exp, sig)
      if (signature === 'expired') throw new HttpError('forbidden', '照片链接已过期，请刷新页面')
      if (signature !== 'valid') throw new HttpError('forbidden', '照片链接无效')
      const meta = await core.photos.find(id)
      const bytes = meta ? await storage.get(id) : null
      if (!meta || !bytes) throw notFound('照片不存在')
      return reply
        .header('content-type', meta.contentType)
        // The URL names its expiry: the bytes under it never change, and nobody but this device keeps them.
        .header('cache-control', `private, max-age=${photoSigner.secondsLeft(exp as string)}, immutable`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        // An <image> of the H5 app or the mini-program may load it from another origin.
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(bytes)
    },
  )
}
