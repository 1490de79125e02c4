import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { PhotoSchema } from '../../types/contract'
import { API } from '../../types/routes'
import { badRequest, HttpError, notFound } from '../errors'
import { callerOf } from '../plugins/auth'
import { sniffImage } from '../photos/sniff'
import { PHOTO_KEY, PHOTO_ROUTE } from '../photos/storage'
import { errorResponses, ref } from '../schemas'
import type { RouteDeps } from './deps'

export const UNSUPPORTED_IMAGE = '只能上传图片（JPG/PNG/WebP）'

/** POST /photos: one image in the multipart field "file"; JPEG, PNG or WebP by its bytes; ≤ 10 MB. */
export const photoUploadRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core, storage, maxPhotoBytes }) => {
  // Multipart is parsed in this scope only: every other route takes JSON.
  await app.register(multipart, { limits: { fileSize: maxPhotoBytes, files: 1, fields: 10, parts: 11, fieldSize: 1024 } })

  app.post(
    API.photos,
    {
      schema: {
        tags: ['photos'],
        summary: '上传一张照片（multipart/form-data，字段 file）',
        description: `JPEG、PNG 或 WebP（按文件内容判断），不超过 ${Math.round(maxPhotoBytes / 1048576)} MB。返回的 id 用于提交诉求或处置步骤。`,
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
      const part = await request.file()
      if (!part || part.fieldname !== 'file') throw badRequest({ file: '请选择照片' })
      const bytes = await part.toBuffer() // over the size limit: RequestFileTooLargeError → 413
      if (bytes.length === 0) throw badRequest({ file: '照片是空的，请重新选择' })
      // What the bytes are decides, not the part's declared type (weapp uploads say octet-stream anyway).
      const image = sniffImage(bytes)
      if (!image) throw new HttpError('validation', UNSUPPORTED_IMAGE, { status: 415, fields: { file: UNSUPPORTED_IMAGE } })
      const id = core.photos.newId()
      await storage.put(id, bytes, image.contentType)
      const photo = await core.photos.record(caller, { id, contentType: image.contentType, bytes: bytes.length, width: image.width, height: image.height })
      return reply.code(201).send(photo)
    },
  )
}

/**
 * GET /files/photos/:id — the bytes. No session: a mini-program <image> cannot send headers, so the
 * unguessable id is the permission (as with the object store URLs that may replace this route).
 */
export const photoFileRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core, storage }) => {
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
      const meta = PHOTO_KEY.test(id) ? await core.photos.find(id) : null
      const bytes = meta ? await storage.get(id) : null
      if (!meta || !bytes) throw notFound('照片不存在')
      return reply
        .header('content-type', meta.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .send(bytes)
    },
  )
}
