import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  BookingExportQuerySchema,
  BookingInputSchema,
  BookingPageSchema,
  BookingRatingInputSchema,
  BookingSchema,
  CheckInInputSchema,
  IdParamsSchema,
  MyBookingsSchema,
  PageQuerySchema,
  ReasonSchema,
  RescheduleInputSchema,
} from '../../types/contract'
import { API } from '../../types/routes'
import { attachment, writeBookingWorkbook, XLSX_TYPE } from '../booking-workbook'
import { callerOf } from '../plugins/auth'
import { errorResponses, ref } from '../schemas'
import { KEYED, KeyHeaders, keyOf, secured } from './consultation'
import type { RouteDeps } from './deps'

const tags = ['bookings']

/**
 * Service booking's bookings (issue 12): book (or join a full slot's waitlist), 我的预约, cancel,
 * reschedule, rate; and for staff the bookings to confirm, check-in by code, done, no-show and the
 * export. A booking that is neither mine nor of my community's staff answers 404.
 */
export const bookingRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { core, rateLimits }) => {
  const b = core.bookings
  // Per user, like filing a report.
  const submitLimit = {
    max: rateLimits.submit.max,
    timeWindow: rateLimits.submit.timeWindowMs,
    keyGenerator: (r: { caller: { actor: { id: string } } | null; ip: string }) => (r.caller ? `user:${r.caller.actor.id}` : `ip:${r.ip}`),
  }

  app.post(
    API.bookings,
    {
      config: { rateLimit: submitLimit },
      schema: {
        tags,
        summary: '预约一个时段（已认证住户）；社区工作者填 forUserId 为居民代约；约满时 waitlist 为 true 则加入候补',
        description:
          `需要社区确认的服务为待确认，否则直接预约成功并给出 6 位签到码。未认证住户、不在服务对象内、因爽约暂停预约答 403；服务不存在答 404；已约过该时段、时段已约满（未选候补）答 409；时段不存在、太晚、超出可预约天数、超过每户限约次数、预约信息不全答 422，并说明是哪条规则、该怎么做。${KEYED}`,
        security: secured,
        headers: KeyHeaders,
        body: ref(BookingInputSchema),
        response: { 201: ref(BookingSchema), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await b.book(callerOf(request), request.body, keyOf(request.headers))),
  )

  app.get(
    API.myBookings,
    {
      schema: {
        tags,
        summary: '我的预约：即将开始的（近的在前，带签到码或候补位次），以及我家是否因爽约暂停预约',
        description: '尚未加入社区答 403。',
        security: secured,
        response: { 200: ref(MyBookingsSchema), ...errorResponses },
      },
    },
    async (request) => b.mine(callerOf(request)),
  )

  app.get(
    API.pastBookings,
    {
      schema: {
        tags,
        summary: '我过去的预约（新的在前，游标分页）',
        description: '游标无效答 400；尚未加入社区答 403。',
        security: secured,
        querystring: PageQuerySchema,
        response: { 200: ref(BookingPageSchema), ...errorResponses },
      },
    },
    async (request) => b.listPast(callerOf(request), request.query),
  )

  app.get(
    API.pendingBookings,
    {
      schema: {
        tags,
        summary: '待确认的预约（社区工作者，开始早的在前，游标分页）',
        description: '非社区工作者答 403；游标无效答 400。',
        security: secured,
        querystring: PageQuerySchema,
        response: { 200: ref(BookingPageSchema), ...errorResponses },
      },
    },
    async (request) => b.listPending(callerOf(request), request.query),
  )

  app.get(
    API.bookingExport,
    {
      schema: {
        tags,
        summary: '导出预约名单（社区工作者）：某一天（YYYY-MM-DD）或某个月（YYYY-MM），某项服务或全部服务，Excel 表格',
        description: '答 .xlsx 文件（文件名为中文，见 Content-Disposition 的 filename*）。非社区工作者答 403；period 格式不对答 400；其他社区的服务答 404。',
        security: secured,
        querystring: BookingExportQuerySchema,
        response: {
          200: {
            description: 'Excel 工作簿：日期、时间、服务、地点、住户、预约人、预约信息、状态、签到码、代约人、取消或拒绝原因、评价',
            content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const table = await b.exportTable(callerOf(request), request.query)
      const bytes = await writeBookingWorkbook(table)
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(table.fileName, `bookings-${request.query.period}.xlsx`))
        .header('cache-control', 'no-store')
        // Bytes, sent as they are (Fastify serialises no Buffer); the type provider only knows the JSON answers.
        .send(bytes as unknown as string)
    },
  )

  app.post(
    API.bookingCheckIn,
    {
      schema: {
        tags,
        summary: '签到（社区工作者）：输入 6 位签到码，或扫描居民出示的二维码',
        description:
          '输入的签到码在此刻可签到（开始前 2 小时至结束）的预约中查找（在某项服务的当日名单中签到时带 serviceId）；扫码得到的文本带预约编号。非社区工作者、不在签到时间内答 403；预约尚未确认、已签到、已取消答 409；签到码不对或不在签到时间内答 422。',
        security: secured,
        body: ref(CheckInInputSchema),
        response: { 200: ref(BookingSchema), ...errorResponses },
      },
    },
    async (request) => b.checkIn(callerOf(request), request.body),
  )

  app.get(
    '/bookings/:id',
    {
      schema: {
        tags,
        summary: '预约详情：时段、地点、签到码、候补位次、经过，以及我现在能否取消、改约、评价',
        description: '不是我的、也不是本社区工作者可见的预约答 404（不透露是否存在）。',
        security: secured,
        params: IdParamsSchema,
        response: { 200: ref(BookingSchema), ...errorResponses },
      },
    },
    async (request) => b.booking(callerOf(request), request.params.id),
  )

  app.post(
    '/bookings/:id/cancel',
    {
      schema: {
        tags,
        summary: '取消预约（预约人或社区工作者，须写明原因）；空出的名额自动给候补第一位',
        description: '超过取消截止时间（如开始前 1 小时内）、不是预约人、时段已结束答 403；预约已取消、已签到或已结束答 409；原因少于 2 个字答 422。',
        security: secured,
        params: IdParamsSchema,
        body: ref(ReasonSchema),
        response: { 200: ref(BookingSchema), ...errorResponses },
      },
    },
    async (request) => b.cancel(callerOf(request), request.params.id, request.body),
  )

  app.post(
    '/bookings/:id/reschedule',
    {
      schema: {
        tags,
        summary: '改约到同一服务的另一个时段：原名额释放、新名额占用一步完成',
        description: '超过改约截止时间、预约已开始、服务暂停预约答 403；候补中、已取消或已结束的预约，新时段已约满或已有我的预约、预约刚有变化答 409；时段不存在、太晚或超出可预约天数、超过每户限约次数答 422。',
        security: secured,
        params: IdParamsSchema,
        body: ref(RescheduleInputSchema),
        response: { 200: ref(BookingSchema), ...errorResponses },
      },
    },
    async (request) => b.reschedule(callerOf(request), request.params.id, request.body),
  )

  app.post(
    '/bookings/:id/rating',
    {
      schema: {
        tags,
        summary: '评价已完成的服务（预约人，1–5 星，每个预约一次）',
        description: '不是预约人答 403；服务尚未完成（未签到或未结束）、已评价过答 409；星级不在 1–5、评价超过 300 字答 422。',
        security: secured,
        params: IdParamsSchema,
        body: ref(BookingRatingInputSchema),
        response: { 200: ref(BookingSchema), ...errorResponses },
      },
    },
    async (request) => b.rate(callerOf(request), request.params.id, request.body),
  )

  const staffStep = (step: 'confirm' | 'complete' | 'no-show', summary: string, description: string) =>
    app.post(
      `/bookings/:id/${step}`,
      { schema: { tags, summary, description, security: secured, params: IdParamsSchema, response: { 200: ref(BookingSchema), ...errorResponses } } },
      async (request) => {
        const caller = callerOf(request)
        const id = request.params.id
        return step === 'confirm' ? b.confirm(caller, id) : step === 'complete' ? b.complete(caller, id) : b.markNoShow(caller, id)
      },
    )

  staffStep('confirm', '确认待确认的预约（社区工作者），居民会收到通知', '非社区工作者答 403；预约不是待确认状态答 409。')

  app.post(
    '/bookings/:id/reject',
    {
      schema: {
        tags,
        summary: '拒绝待确认的预约（社区工作者，须写明原因）；空出的名额自动给候补第一位',
        description: '非社区工作者答 403；预约不是待确认状态答 409；原因少于 2 个字答 422。',
        security: secured,
        params: IdParamsSchema,
        body: ref(ReasonSchema),
        response: { 200: ref(BookingSchema), ...errorResponses },
      },
    },
    async (request) => b.reject(callerOf(request), request.params.id, request.body),
  )

  staffStep('complete', '服务完成（社区工作者）：已签到的预约记为完成，居民可以评价', '非社区工作者答 403；未签到的预约答 409。')
  staffStep(
    'no-show',
    '记为爽约（社区工作者，时段开始后）：60 天内爽约 3 次的住户暂停预约 30 天，并告知居民',
    '非社区工作者、时段尚未开始答 403；预约未确认、已签到或已结束答 409。',
  )
}
