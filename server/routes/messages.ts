import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  IdParamsSchema,
  MessageInputSchema,
  MessagePageSchema,
  MessageSchema,
  MessageThreadSchema,
  PageQuerySchema,
  ThreadParamsSchema,
  UnreadCountSchema,
} from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, NoContent, ref } from '../schemas'
import type { RouteDeps } from './deps'

const secured = [{ bearerAuth: [] }]
const tags = ['messages']

/**
 * Messages (留言/回复). Thread ids hold a colon (`report:r_…`, `general:u-…`) and travel URL-encoded.
 * A thread one may not use answers 404 (its existence is not revealed).
 */
export const messageRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const { messages } = core
  app.get(
    API.threads,
    {
      schema: {
        tags,
        summary: '我的对话：诉求留言与社区留言，最近的在前，含未读数',
        description: '居民：自己的诉求（含为其住户代报的）与自己的社区留言；网格员：本网格诉求；社区工作者：全社区。',
        security: secured,
        response: { 200: Type.Array(ref(MessageThreadSchema)), ...errorResponses },
      },
    },
    async (request) => messages.listThreads(callerOf(request)),
  )

  app.get(
    API.messagesUnreadCount,
    {
      schema: { tags, summary: '未读留言总数', security: secured, response: { 200: ref(UnreadCountSchema), ...errorResponses } },
    },
    async (request) => ({ count: await messages.unreadCount(callerOf(request)) }),
  )

  app.get(
    '/threads/:id/messages',
    {
      schema: {
        tags,
        summary: '对话中的留言（按发送先后，游标分页）',
        security: secured,
        params: ThreadParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: ref(MessagePageSchema), ...errorResponses },
      },
    },
    async (request) => messages.listMessages(callerOf(request), request.params.id, request.query),
  )

  const post = { tags, security: secured, body: ref(MessageInputSchema), response: { 201: ref(MessageSchema), ...errorResponses } }

  app.post(
    API.generalMessages,
    { schema: { ...post, summary: '在我的社区留言中留言（社区工作者回复）' } },
    async (request, reply) => reply.code(201).send(await messages.send(callerOf(request), 'general', request.body.body)),
  )

  app.post(
    '/threads/:id/messages',
    { schema: { ...post, summary: '在对话中留言', description: '留言 1–500 字（422）。', params: ThreadParamsSchema } },
    async (request, reply) => reply.code(201).send(await messages.send(callerOf(request), { threadId: request.params.id }, request.body.body)),
  )

  app.post(
    '/reports/:id/messages',
    { schema: { ...post, summary: '就一条诉求留言（需要时开启该诉求的对话）', params: IdParamsSchema } },
    async (request, reply) => reply.code(201).send(await messages.send(callerOf(request), { reportId: request.params.id }, request.body.body)),
  )

  app.post(
    '/threads/:id/read',
    {
      schema: { tags, summary: '标记对话已读', security: secured, params: ThreadParamsSchema, response: { 204: NoContent, ...errorResponses } },
    },
    async (request, reply) => {
      await messages.markRead(callerOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )
}
