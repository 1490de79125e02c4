import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DashboardQuerySchema, DashboardStatsSchema } from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import type { RouteDeps } from './deps'

/** The staff dashboard. */
export const dashboardRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const { dashboard } = core
  app.get(
    API.dashboard,
    {
      schema: {
        tags: ['handling'],
        summary: '统计看板（社区工作者、街道工作人员）：受理量、各状态数、办结率、满意率、受理与办结时长中位数、超期',
        description:
          '社区工作者看本社区（指定其他社区答 404）；街道工作人员须以 `communityId` 指定本街道的一个社区（不指定答 422，其他街道的答 404）；其他人答 403。' +
          '`from`、`to` 为 ISO 时间；`to` 须晚于 `from`，最长 366 天（422）。每次按诉求与时间线现算。',
        security: [{ bearerAuth: [] }],
        querystring: DashboardQuerySchema,
        response: { 200: ref(DashboardStatsSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { communityId, ...range } = request.query
      return dashboard.get(callerOf(request), range, communityId)
    },
  )
}
