import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { InboxQuerySchema, MoveBodySchema, MoveParamsSchema, ReplyTemplateSchema, ReportDetailSchema, ReportPageSchema } from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import { statusesOf } from '../../src/core/services/handling'
import type { RouteDeps } from './deps'

const secured = [{ bearerAuth: [] }]

/** The handlers' side: inbox, moves, reply templates. */
export const handlingRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  app.get(
    API.inbox,
    {
      schema: {
        tags: ['handling'],
        summary: '工单：社区工作者看全社区，网格员看本网格；最紧急的在前',
        description: '`status` 为逗号分隔的状态列表。游标为不透明字符串。居民答 403。',
        security: secured,
        querystring: InboxQuerySchema,
        response: { 200: ref(ReportPageSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { status, ...rest } = request.query
      return core.handling.inbox(callerOf(request), { ...rest, status: statusesOf(status) })
    },
  )

  app.post(
    '/reports/:id/actions/:move',
    {
      // A move without a note may come without a body at all.
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {}
      },
      schema: {
        tags: ['handling'],
        summary: '处置一步：受理、不予受理、派单、转派、进展、办结、合并、督办、结案',
        description:
          '谁能做由角色与网格决定（403）；当前状态不允许答 409（多半是别人先处理了）；内容不符合规则答 422。' +
          ' reject 需 reason；assign 需 assignee；transfer 需 target 与 note；progress/resolve 需 note；merge 需 intoReportId。',
        security: secured,
        params: MoveParamsSchema,
        body: ref(MoveBodySchema),
        response: { 200: ref(ReportDetailSchema), ...errorResponses },
      },
    },
    async (request) => core.handling.move(callerOf(request), request.params.id, request.params.move, request.body),
  )

  app.get(
    API.replyTemplates,
    {
      schema: {
        tags: ['handling'],
        summary: '常用回复',
        security: secured,
        response: { 200: Type.Array(ref(ReplyTemplateSchema)), ...errorResponses },
      },
    },
    async (request) => core.handling.replyTemplates(callerOf(request)),
  )
}
