import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  ClaimInputSchema,
  ClaimPageSchema,
  ClaimQuerySchema,
  HouseholdClaimSchema,
  HouseholdSchema,
  IdParamsSchema,
  MyHomeSchema,
  ReasonSchema,
  UserIdParamsSchema,
  UserIdSchema,
} from '../../types/contract'
import type { ClaimStatus } from '../../types/domain'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import type { RouteDeps } from './deps'

const secured = [{ bearerAuth: [] }]
const tags = ['households']

/**
 * Households (户): a person claims the room they live in, staff (or the building's leader) approve
 * or reject it with a reason; verified members leave or are removed; the representative (户代表).
 * A claim of another community answers 404, as if it did not exist.
 */
export const householdRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const { households } = core
  app.get(
    API.myHousehold,
    {
      schema: {
        tags,
        summary: '我的家庭：已认证的住户（含成员）和我的认证申请（最新在前）',
        security: secured,
        response: { 200: ref(MyHomeSchema), ...errorResponses },
      },
    },
    async (request) => households.mine(callerOf(request)),
  )

  app.post(
    API.claims,
    {
      schema: {
        tags,
        summary: '申请认证住户：本社区的楼栋、房号，姓名和手机号',
        description:
          '需先加入社区（403）。楼栋、房号须在本社区列表中，姓名 2–20 个字，手机号 11 位或带区号的座机（422）；已是认证住户答 422；已有一条待审核的申请答 409。',
        security: secured,
        body: ref(ClaimInputSchema),
        response: { 201: ref(HouseholdClaimSchema), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await households.claim(callerOf(request), request.body)),
  )

  app.post(
    '/household-claims/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤回我的待审核申请',
        description: '不是自己的申请答 404；已审核或已撤回答 409。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(HouseholdClaimSchema), ...errorResponses },
      },
    },
    async (request) => households.withdraw(callerOf(request), request.params.id),
  )

  app.get(
    API.claims,
    {
      schema: {
        tags,
        summary: '待审核的住户认证：社区工作者看全社区，楼栋长看自己负责的楼栋；等得最久的在前（游标分页）',
        description: '`status` 默认 pending（另一个词答 422）。其他人答 403。',
        security: secured,
        querystring: ClaimQuerySchema,
        response: { 200: ref(ClaimPageSchema), ...errorResponses },
      },
    },
    // The status is the core's to check (the same message on every adapter).
    async (request) => households.listClaims(callerOf(request), { ...request.query, status: request.query.status as ClaimStatus | undefined }),
  )

  app.post(
    '/household-claims/:id/approve',
    {
      schema: {
        tags,
        summary: '通过住户认证：申请人成为该户的认证成员（该户没有户代表时成为户代表）',
        description: '其他社区的申请答 404；不是该楼栋的楼栋长答 403；已审核、已撤回，或申请人已不在本社区、房号已不在列表中答 409。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(HouseholdClaimSchema), ...errorResponses },
      },
    },
    async (request) => households.approve(callerOf(request), request.params.id),
  )

  app.post(
    '/household-claims/:id/reject',
    {
      schema: {
        tags,
        summary: '驳回住户认证，写明原因（申请人会看到）',
        description: '原因 2–200 个字（422）。其他规则同通过。',
        security: secured,
        params: IdParamsSchema,
        body: ref(ReasonSchema),
        response: { 200: ref(HouseholdClaimSchema), ...errorResponses },
      },
    },
    async (request) => households.reject(callerOf(request), request.params.id, request.body.reason),
  )

  app.post(
    API.leaveHousehold,
    {
      schema: {
        tags,
        summary: '退出我的住户（搬家）',
        description: '还不是认证住户答 422。户代表退出时，最早加入的成员成为户代表。',
        security: secured,
        response: { 200: ref(MyHomeSchema), ...errorResponses },
      },
    },
    async (request) => households.leave(callerOf(request)),
  )

  app.post(
    '/households/members/:userId/remove',
    {
      schema: {
        tags,
        summary: '移除住户成员，写明原因（对方会看到）；答移除后的住户（没有成员时为 null）',
        description: '社区工作者，或该楼栋的楼栋长（其他人 403）；不是本社区的认证住户答 404；原因 2–200 个字（422）。',
        security: secured,
        params: UserIdParamsSchema,
        body: ref(ReasonSchema),
        response: { 200: Type.Union([ref(HouseholdSchema), Type.Null()]), ...errorResponses },
      },
    },
    async (request) => households.removeMember(callerOf(request), request.params.userId, request.body.reason),
  )

  app.put(
    API.representative,
    {
      schema: {
        tags,
        summary: '指定户代表：本户成员或社区工作者（该楼栋的楼栋长）可以指定',
        description: '不是本社区的认证住户答 404；其他人答 403。',
        security: secured,
        body: ref(UserIdSchema),
        response: { 200: ref(HouseholdSchema), ...errorResponses },
      },
    },
    async (request) => households.setRepresentative(callerOf(request), request.body.userId),
  )
}
