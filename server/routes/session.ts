import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { DemoAccountSchema, DemoSignInSchema, DirectorySchema, SessionSchema, WeChatSignInSchema } from '../../types/contract'
import { API } from '../../types/routes'
import { bearerToken, callerOf } from '../plugins/auth'
import { errorResponses, NoContent, ref } from '../schemas'
import type { RouteDeps } from './deps'

const secured = [{ bearerAuth: [] }]

/** Sign-in routes: no session needed, limited per client IP. */
export const signInRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core, rateLimits }) => {
  const { sessions } = core
  const rateLimit = { max: rateLimits.signIn.max, timeWindow: rateLimits.signIn.timeWindowMs, keyGenerator: (r: { ip: string }) => `ip:${r.ip}` }

  app.get(
    API.demoAccounts,
    {
      schema: {
        tags: ['session'],
        summary: '演示账号列表（仅演示模式）',
        response: { 200: Type.Array(ref(DemoAccountSchema)), ...errorResponses },
      },
    },
    async () => sessions.listDemoAccounts(),
  )

  app.post(
    API.demoSignIn,
    {
      config: { rateLimit },
      schema: { tags: ['session'], summary: '以演示账号登录（仅演示模式）', body: DemoSignInSchema, response: { 200: ref(SessionSchema), ...errorResponses } },
    },
    async (request) => sessions.signInDemo(request.body.userId),
  )

  app.post(
    API.weChatSignIn,
    {
      config: { rateLimit },
      schema: {
        tags: ['session'],
        summary: '微信登录：wx.login 的 code 换取会话',
        description: '服务器以 code2Session 换取 openid；session_key 与 AppSecret 不离开服务器。未配置 WECHAT_APPID/WECHAT_SECRET 时答 501。',
        body: WeChatSignInSchema,
        response: { 200: ref(SessionSchema), ...errorResponses },
      },
    },
    async (request) => sessions.signInWeChat(request.body.code, request.body.via ?? 'miniprogram'),
  )
}

/** The current session and the community directory (authenticated scope). */
export const sessionRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const { sessions } = core
  app.get(
    API.session,
    { schema: { tags: ['session'], summary: '当前会话', security: secured, response: { 200: ref(SessionSchema), ...errorResponses } } },
    async (request) => request.session!,
  )

  app.delete(
    API.session,
    { schema: { tags: ['session'], summary: '退出登录', security: secured, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await sessions.signOut(bearerToken(request)!)
      return reply.code(204).send(null)
    },
  )

  app.get(
    API.community,
    {
      schema: {
        tags: ['community'],
        summary: '本社区的网格、楼栋、部门、问题类型（处置人员另见可派单的人）',
        security: secured,
        response: { 200: ref(DirectorySchema), ...errorResponses },
      },
    },
    async (request) => sessions.community(callerOf(request)),
  )
}
