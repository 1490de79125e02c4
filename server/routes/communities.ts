import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  CommunityCodeParamsSchema,
  CommunityListSchema,
  CommunitySearchQuerySchema,
  CommunitySummaryListSchema,
  CommunitySummarySchema,
  JoinCodeSchema,
  JoinCommunitySchema,
  UserSchema,
} from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import type { RouteDeps } from './deps'

const secured = [{ bearerAuth: [] }]
const tags = ['community']

/**
 * Finding and joining a community (a person just signed in with WeChat has none), a street
 * officer's communities, and the community's own code (社区码) for staff to show or print.
 */
export const communityRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const { communities } = core
  app.get(
    API.communities,
    {
      schema: {
        tags,
        summary: '找社区：名称或所属街道包含每个词的社区（最多 20 个）',
        description: '`q` 为空格分隔的词，最多 40 个字（超过答 400）；没有词答空列表。只答社区概况，不含任何社区内的内容。',
        security: secured,
        querystring: CommunitySearchQuerySchema,
        response: { 200: ref(CommunitySummaryListSchema), ...errorResponses },
      },
    },
    async (request) => communities.search(callerOf(request), request.query.q ?? ''),
  )

  app.get(
    '/communities/by-code/:code',
    {
      schema: {
        tags,
        summary: '社区码对应的社区（输入或扫码）',
        description: '社区码为 6 位字母和数字，不区分大小写，可含空格和“-”（格式不对答 400）；没有这个社区码答 404。',
        security: secured,
        params: CommunityCodeParamsSchema,
        response: { 200: ref(CommunitySummarySchema), ...errorResponses },
      },
    },
    async (request) => communities.byCode(callerOf(request), request.params.code),
  )

  app.post(
    API.myCommunity,
    {
      schema: {
        tags,
        summary: '加入社区（成为未认证居民），答加入后的本人',
        description:
          '已是本社区成员时原样答复。在其他社区担任职务答 403；是其他社区的认证住户或有待审核的住户认证答 422（先退出或撤回）；社区不存在答 404。',
        security: secured,
        body: ref(JoinCommunitySchema),
        response: { 200: ref(UserSchema), ...errorResponses },
      },
    },
    async (request) => communities.join(callerOf(request), request.body.communityId),
  )

  app.get(
    API.streetCommunities,
    {
      schema: {
        tags,
        summary: '街道工作人员：本街道的社区',
        description: '其他人答 403。',
        security: secured,
        response: { 200: ref(CommunityListSchema), ...errorResponses },
      },
    },
    async (request) => communities.streetCommunities(callerOf(request)),
  )

  app.get(
    API.joinCode,
    {
      schema: {
        tags,
        summary: '本社区的社区码（展示或打印），服务器开通小程序码时附小程序码图片',
        description: '社区工作者和管理员可以查看（其他人答 403）。`dataUrl` 为 PNG 的 data URL；生成失败时不含它，社区码照常可用。',
        security: secured,
        response: { 200: ref(JoinCodeSchema), ...errorResponses },
      },
    },
    async (request) => communities.joinCode(callerOf(request)),
  )
}
