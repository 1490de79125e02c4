import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  IdParamsSchema,
  NoticeInputSchema,
  NoticePageSchema,
  NoticeReceiptsSchema,
  NoticeSchema,
  PageQuerySchema,
  SentNoticePageSchema,
  UnreadCountSchema,
} from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, NoContent, ref } from '../schemas'
import type { RouteDeps } from './deps'

const secured = [{ bearerAuth: [] }]
const tags = ['notices']

/** Notices (通知公告) and building broadcasts. A notice one may not see answers 404. */
export const noticeRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const { notices } = core
  app.get(
    API.notices,
    {
      schema: {
        tags,
        summary: '我能看到的通知：置顶、紧急、最新在前（游标分页）',
        description: '居民看到发往全社区与自己所在楼栋、未过期的通知；发布人与社区工作者也看到过期的。',
        security: secured,
        querystring: PageQuerySchema,
        response: { 200: ref(NoticePageSchema), ...errorResponses },
      },
    },
    async (request) => notices.list(callerOf(request), request.query),
  )

  app.get(
    API.noticesSent,
    {
      schema: {
        tags,
        summary: '我发的通知：最新在前（游标分页），每条带按户统计的已读数',
        description: '发布人自己的通知，过期的也在内；已读数与阅读回执的按户统计相同。',
        security: secured,
        querystring: PageQuerySchema,
        response: { 200: ref(SentNoticePageSchema), ...errorResponses },
      },
    },
    async (request) => notices.listSent(callerOf(request), request.query),
  )

  app.get(
    API.noticesUnreadCount,
    { schema: { tags, summary: '未读通知数（未过期的）', security: secured, response: { 200: ref(UnreadCountSchema), ...errorResponses } } },
    async (request) => ({ count: await notices.unreadCount(callerOf(request)) }),
  )

  app.post(
    API.notices,
    {
      schema: {
        tags,
        summary: '发布通知',
        description:
          '社区工作者发往全社区或本社区任意楼栋；楼栋长只能发往自己负责的楼栋（否则 403）。标题 2–50 字、内容 2–2000 字、截止时间须晚于现在（422）。',
        security: secured,
        body: ref(NoticeInputSchema),
        response: { 201: ref(NoticeSchema), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await notices.publish(callerOf(request), request.body)),
  )

  app.get(
    '/notices/:id',
    { schema: { tags, summary: '通知详情', security: secured, params: IdParamsSchema, response: { 200: ref(NoticeSchema), ...errorResponses } } },
    async (request) => notices.get(callerOf(request), request.params.id),
  )

  app.post(
    '/notices/:id/read',
    { schema: { tags, summary: '标记通知已读', security: secured, params: IdParamsSchema, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await notices.markRead(callerOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/notices/:id/receipts',
    {
      schema: {
        tags,
        summary: '阅读回执：按户统计，列出未读的户',
        description: '只有发布人和社区工作者可以查看（其他能看到通知的人答 403）。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(NoticeReceiptsSchema), ...errorResponses },
      },
    },
    async (request) => notices.receipts(callerOf(request), request.params.id),
  )
}
