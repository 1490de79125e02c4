import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { Core } from '../../src/core/core'
import { badRequest, HttpError } from '../errors'
import { isEncryptedOnly, mediaCheckEvent, verifyPush, type PushRefusal } from '../moderation/wechat-image-check'
import { errorResponses } from '../schemas'

/** Where WeChat pushes (消息推送 in the mini-program's admin console): outside /api/v1, no session. */
export const WECHAT_CALLBACK = '/wechat/callback'

export interface WeChatCallbackOptions {
  core: Core
  /** The push's Token (令牌) set in the admin console (WECHAT_CALLBACK_TOKEN). */
  token: string
  /** The mini-program's AppID: a verdict pushed for another app is ignored. */
  appId?: string
  now: () => Date
  /** How far a push's timestamp may be from now (default 5 minutes). */
  maxSkewMs?: number
  /**
   * How long a verdict for a trace id not recorded yet is tried again (default 2 s, every 100 ms):
   * WeChat may push before the upload recorded the trace id mediaCheckAsync answered.
   */
  earlyVerdictWaitMs?: number
}

const EARLY_VERDICT_EVERY_MS = 100

const REFUSED: Record<PushRefusal, string> = {
  unsigned: '缺少消息推送签名',
  bad_signature: '消息推送签名无效',
  stale: '消息推送已过期',
}

const Signed = {
  signature: Type.Optional(Type.String({ maxLength: 100 })),
  timestamp: Type.Optional(Type.String({ maxLength: 20 })),
  nonce: Type.Optional(Type.String({ maxLength: 100 })),
}

/**
 * WeChat's message push, in plaintext mode (明文模式; 兼容模式 is read by its plaintext half;
 * 安全模式, encrypted only, answers 501). Every push is signed in its query (signature = sha1 of
 * the sorted token, timestamp and nonce) and must be recent: anything else is 401 and changes
 * nothing.
 *
 * - `GET`: the console's verification of the URL, answered with its `echostr`.
 * - `POST`: a push. The `wxa_media_check` event (mediaCheckAsync's verdict) is recorded on the
 *   photo of its trace id through the core (`photos.settle`); a verdict that comes again changes
 *   nothing. Every push WeChat sends is answered `success` (other events are not ours to read; an
 *   unknown trace id is logged), so WeChat does not push it again.
 */
export const weChatCallbackRoutes: FastifyPluginAsyncTypebox<WeChatCallbackOptions> = async (app, options) => {
  // Pushes come as JSON or, when the console says so, XML; read as text here and nowhere else.
  app.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, body))
  const maxSkewMs = options.maxSkewMs ?? 5 * 60_000
  const verify = (query: { signature?: string; timestamp?: string; nonce?: string }) => {
    const refusal = verifyPush(options.token, query, options.now().getTime(), maxSkewMs)
    if (refusal) throw new HttpError('unauthorized', REFUSED[refusal], { status: 401 })
  }

  app.get(
    WECHAT_CALLBACK,
    {
      schema: {
        tags: ['wechat'],
        summary: '微信消息推送：服务器地址验证（由微信调用）',
        querystring: Type.Object({ ...Signed, echostr: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: Type.String(), ...errorResponses },
      },
    },
    async (request, reply) => {
      verify(request.query)
      const { echostr } = request.query
      if (!echostr) throw badRequest({ echostr: '缺少 echostr' })
      return reply.type('text/plain; charset=utf-8').send(echostr)
    },
  )

  app.post(
    WECHAT_CALLBACK,
    {
      schema: {
        tags: ['wechat'],
        summary: '微信消息推送：图片内容安全检测结果（由微信调用）',
        querystring: Type.Object(Signed),
        response: { 200: Type.String(), ...errorResponses },
      },
    },
    async (request, reply) => {
      verify(request.query)
      const event = mediaCheckEvent(request.body)
      if (!event) {
        if (isEncryptedOnly(request.body)) throw new HttpError('not_supported', '暂不支持安全模式的消息推送，请在小程序后台改用明文模式', { status: 501 })
        return reply.type('text/plain; charset=utf-8').send('success')
      }
      if (options.appId && event.appId && event.appId !== options.appId) {
        request.log.warn({ appId: event.appId }, 'wechat push: a media check verdict for another app, ignored')
        return reply.type('text/plain; charset=utf-8').send('success')
      }
      // The trace id is recorded right after mediaCheckAsync answers; a push that came first waits
      // for it a moment (WeChat gives a push 5 s), rather than be lost with the photo left pending.
      let settled = await options.core.photos.settle(event.traceId, event.verdict)
      for (let waited = 0; !settled && waited < (options.earlyVerdictWaitMs ?? 2_000); waited += EARLY_VERDICT_EVERY_MS) {
        await new Promise((resolve) => setTimeout(resolve, EARLY_VERDICT_EVERY_MS))
        settled = await options.core.photos.settle(event.traceId, event.verdict)
      }
      if (!settled) request.log.warn({ traceId: event.traceId }, 'wechat push: a media check verdict for no photo of ours, ignored')
      else request.log.info({ photoId: settled.photoId, check: settled.check, changed: settled.changed }, 'wechat push: media check verdict')
      return reply.type('text/plain; charset=utf-8').send('success')
    },
  )
}
