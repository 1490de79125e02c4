import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  IdParamsSchema,
  InboxQuerySchema,
  MoveBodySchema,
  MoveParamsSchema,
  ReplyTemplateSchema,
  ReportDetailSchema,
  PhoneRevealBodySchema,
  ReporterPhoneSchema,
  ReportPageSchema,
} from '../../types/contract'
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

  // A POST (ADR 0025): a reveal is a recorded act (an audit event with the handler's reason), not a cacheable read.
  app.post(
    '/reports/:id/reporter-phone',
    {
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {}
      },
      schema: {
        tags: ['handling'],
        summary: '查看反映人完整电话（用于拨打）：只答负责该诉求的社区工作者和网格员，每次记入操作记录',
        description:
          '打给谁：反映人；代报的诉求，反映人没有登记电话时为该户已登记的居民，再没有则为代报人。' +
          ' 看不到该诉求的人答 404（与其他诉求接口相同），能看但不负责的人（反映人、代报人）答 403；' +
          '须说明原因 reason（follow_up 回访核实、before_visit 上门前联系、emergency 紧急情况，可附 note），缺少或无效答 422；' +
          '都没有登记电话答 404。每次查看记入操作记录（phone.reveal：谁、谁的号码、何时、为何）。不缓存。',
        security: secured,
        params: IdParamsSchema,
        body: ref(PhoneRevealBodySchema),
        response: { 200: ref(ReporterPhoneSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const phone = await core.handling.reporterPhone(callerOf(request), request.params.id, request.body)
      return reply.header('cache-control', 'no-store').send(phone)
    },
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
