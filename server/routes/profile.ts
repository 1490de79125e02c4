import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { PersonalDataExportSchema, ProfileSchema, ProfileUpdateSchema } from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, NoContent, ref } from '../schemas'
import type { RouteDeps } from './deps'

const secured = [{ bearerAuth: [] }]
const tags = ['profile']

/** The file name of a download of my data. */
export const EXPORT_FILE_NAME = 'linli-my-data.json'

/** 我的: my profile, my name and phone, downloading my data (PIPL art. 45), deleting my account (art. 47). */
export const profileRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const { profile } = core
  app.get(
    API.profile,
    {
      schema: {
        tags,
        summary: '我的：本人、所在社区、我的住户（含成员）和我的认证申请',
        security: secured,
        response: { 200: ref(ProfileSchema), ...errorResponses },
      },
    },
    async (request) => profile.get(callerOf(request)),
  )

  // wx.request has no PATCH (OPTIONS GET HEAD POST PUT DELETE TRACE CONNECT): the same change is taken as a POST.
  for (const method of ['PATCH', 'POST'] as const) {
    app.route({
      method,
      url: API.profile,
      schema: {
        tags,
        summary: method === 'PATCH' ? '修改我的姓名或手机号（只改给出的项）' : '修改我的姓名或手机号（同 PATCH，供不支持 PATCH 的小程序使用）',
        description: '姓名 2–20 个字，手机号 11 位或带区号的座机（422，按字段）。答修改后的“我的”。',
        security: secured,
        body: ref(ProfileUpdateSchema),
        response: { 200: ref(ProfileSchema), ...errorResponses },
      },
      handler: async (request) => profile.update(callerOf(request), request.body),
    })
  }

  app.get(
    API.profileExport,
    {
      schema: {
        tags,
        summary: '下载我的数据：关于本人的全部记录（JSON，含完整手机号）',
        description: `作为附件（${EXPORT_FILE_NAME}）下载，也可直接读取 JSON。不缓存。`,
        security: secured,
        response: { 200: ref(PersonalDataExportSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const data = await profile.exportData(callerOf(request))
      return reply.header('content-disposition', `attachment; filename="${EXPORT_FILE_NAME}"`).header('cache-control', 'no-store').send(data)
    },
  )

  app.delete(
    API.profile,
    {
      schema: {
        tags,
        summary: '注销我的账号：个人信息删除，诉求作为匿名记录保留，所有登录立即失效',
        description: '姓名在诉求、留言、通知中显示为“已注销用户”；手机号、微信身份、角色、住户与认证申请、登录全部删除。',
        security: secured,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await profile.deleteAccount(callerOf(request))
      return reply.code(204).send(null)
    },
  )
}
