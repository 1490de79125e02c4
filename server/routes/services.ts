import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  BookingHouseholdSchema,
  HouseholdQuerySchema,
  HouseholdTagsSchema,
  IdParamsSchema,
  ServiceDayParamsSchema,
  ServiceDaySchema,
  ServiceInputSchema,
  ServiceListSchema,
  ServiceQuerySchema,
  ServiceSchema,
  SlotDayListSchema,
  SlotQuerySchema,
} from '../../types/contract'
import { API } from '../../types/routes'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import { KEYED, KeyHeaders, keyOf, secured } from './consultation'
import type { RouteDeps } from './deps'

const tags = ['services']

/**
 * Service booking's catalogue (issue 12): the community's services with their schedules, their
 * slots with seats left, a staff member's day, and the household tags that make some services
 * bookable only by some. A service of another community (or a draft, for residents) answers 404.
 */
export const serviceRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core }) => {
  const b = core.bookings
  app.get(
    API.services,
    {
      schema: {
        tags,
        summary: '本社区的服务（上门服务、法律咨询、人民调解、活动室、政务代办、志愿服务），每项带我家能否预约及原因',
        description: '`kind` 只看一类；社区工作者加 `all=true` 时也列出草稿和已停止预约的服务。尚未加入社区答 403。',
        security: secured,
        querystring: ServiceQuerySchema,
        response: { 200: ref(ServiceListSchema), ...errorResponses },
      },
    },
    async (request) => b.list(callerOf(request), request.query),
  )

  app.post(
    API.services,
    {
      schema: {
        tags,
        summary: '发布服务（社区工作者）：说明、地点或上门、提供方、时长与间隔、每段名额、服务对象、预约问题、是否需确认、预约规则、每周开放时间与例外日期',
        description: `非社区工作者答 403；名称、时长（10–480 分钟）、名额（1–200）、开放时间、例外日期、预约问题、规则不符合要求答 422（逐项说明）。${KEYED}`,
        security: secured,
        headers: KeyHeaders,
        body: ref(ServiceInputSchema),
        response: { 201: ref(ServiceSchema), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await b.create(callerOf(request), request.body, keyOf(request.headers))),
  )

  app.get(
    '/services/:id',
    {
      schema: {
        tags,
        summary: '服务详情，带我家能否预约及原因',
        description: '其他社区的服务、居民查看草稿答 404。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(ServiceSchema), ...errorResponses },
      },
    },
    async (request) => b.get(callerOf(request), request.params.id),
  )

  app.put(
    '/services/:id',
    {
      schema: {
        tags,
        summary: '修改服务（社区工作者）：整项服务按填写的内容保存，也用于暂停（草稿）或停止预约',
        description: '已有的预约不受影响。非社区工作者答 403，其他社区的服务答 404，内容不符合要求答 422。',
        security: secured,
        params: IdParamsSchema,
        body: ref(ServiceInputSchema),
        response: { 200: ref(ServiceSchema), ...errorResponses },
      },
    },
    async (request) => b.update(callerOf(request), request.params.id, request.body),
  )

  app.get(
    '/services/:id/slots',
    {
      schema: {
        tags,
        summary: '服务的可预约时段：从 from 到 to（北京时间日期，含首尾，最多 31 天）每天的时段、剩余名额和候补人数',
        description: '每个时段说明我现在能否预约，不能时写明原因（太晚、超出可预约天数、已开始）；休息日带说明。日期格式不对或范围超过 31 天答 400。',
        security: secured,
        params: IdParamsSchema,
        querystring: SlotQuerySchema,
        response: { 200: ref(SlotDayListSchema), ...errorResponses },
      },
    },
    async (request) => b.listSlots(callerOf(request), request.params.id, request.query),
  )

  app.get(
    '/services/:id/days/:date',
    {
      schema: {
        tags,
        summary: '某项服务某一天的预约名单（社区工作者）：逐个时段，列出每个预约及签到码',
        description: '非社区工作者答 403；日期不是 YYYY-MM-DD 答 400。',
        security: secured,
        params: ServiceDayParamsSchema,
        response: { 200: ref(ServiceDaySchema), ...errorResponses },
      },
    },
    async (request) => b.day(callerOf(request), request.params.id, request.params.date),
  )

  app.get(
    API.bookingHousehold,
    {
      schema: {
        tags,
        summary: '查看一户（社区工作者）：已认证的家庭成员（代约时选人）和住户类别',
        description: '非社区工作者答 403；不是本社区的楼栋、房号为空答 422。',
        security: secured,
        querystring: HouseholdQuerySchema,
        response: { 200: ref(BookingHouseholdSchema), ...errorResponses },
      },
    },
    async (request) => b.household(callerOf(request), request.query.buildingId, request.query.room),
  )

  app.put(
    API.householdTags,
    {
      schema: {
        tags,
        summary: '登记住户类别（社区工作者）：高龄、残疾、低保，只对这些住户开放的服务（如上门服务）据此判断',
        description: '按所填内容整体替换该户的类别（空列表为清除）。非社区工作者答 403；不是本社区的楼栋、房号为空答 422。',
        security: secured,
        body: ref(HouseholdTagsSchema),
        response: { 200: ref(HouseholdTagsSchema), ...errorResponses },
      },
    },
    async (request) => b.setHouseholdTags(callerOf(request), request.body),
  )
}
