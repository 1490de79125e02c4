import type { BookingNotice, ConsultationEvent, ModerationNotice, Notifier, StatusChange } from '../../src/core/context'
import { STATUS_LABEL } from '../../src/domain/labels'
import { WeChatAccessToken } from '../auth/wechat-token'
import { weChatFetch, weChatJson, weChatUrl, WeChatApiError, type WeChatHttpOptions } from '../auth/wechat-http'

/**
 * Telling residents that a report they follow moved (受理, 派单, 办结, 不予受理, 重办 …). The report
 * service calls the notifier after the move has committed, once per person to tell; a notifier that
 * fails or hangs never fails or delays the move (its error is logged).
 */
export type { BookingNotice, ConsultationEvent, Notifier, StatusChange } from '../../src/core/context'

/** The part of a pino/Fastify logger the notifiers use. */
export interface NotifierLog {
  info(object: object, message: string): void
  warn(object: object, message: string): void
}

/** Demo mode and development: the notification is a log line. */
export class LogNotifier implements Notifier {
  constructor(private readonly log: NotifierLog) {}

  async notify(change: StatusChange): Promise<void> {
    this.log.info(
      { notify: { userId: change.recipient.userId, reportId: change.report.id, number: change.report.number, move: change.move, from: change.from, to: change.to } },
      `notify ${change.recipient.userId}: ${change.report.number} ${STATUS_LABEL[change.to]}`,
    )
  }

  async consult(event: ConsultationEvent): Promise<void> {
    this.log.info(
      { consult: { userId: event.recipient.userId, kind: event.kind, subject: event.subject.kind, subjectId: event.subject.id, at: event.at } },
      `consult ${event.recipient.userId}: ${CONSULTATION_LABEL[event.kind]} ${event.subject.title}`,
    )
  }

  async booking(notice: BookingNotice): Promise<void> {
    this.log.info(
      { booking: { userId: notice.recipient.userId, kind: notice.kind, bookingId: notice.booking.id, startsAt: notice.booking.startsAt, at: notice.at } },
      `booking ${notice.recipient.userId}: ${BOOKING_LABEL[notice.kind]} ${notice.booking.serviceName} ${chinaTime(notice.booking.startsAt)}`,
    )
  }

  async moderation(notice: ModerationNotice): Promise<void> {
    this.log.info(
      { moderation: { userId: notice.recipient.userId, decision: notice.decision, kind: notice.subject.kind, subjectId: notice.subject.id, at: notice.at } },
      `moderation ${notice.recipient.userId}: ${notice.note}`,
    )
  }
}

/** What happened, in a template's phrase field (≤ 5 characters). */
export const CONSULTATION_LABEL: Record<ConsultationEvent['kind'], string> = {
  vote_opened: '开始表决',
  vote_result: '结果公示',
  proposal_answered: '议题答复',
  proposal_threshold: '列入议程',
}

/** What happened to a booking, in a template's phrase field (≤ 5 characters). */
export const BOOKING_LABEL: Record<BookingNotice['kind'], string> = {
  reminder_day: '明日预约',
  reminder_hour: '即将开始',
  promoted: '候补成功',
  confirmed: '预约成功',
  rejected: '未通过',
  cancelled: '已取消',
  paused: '暂停预约',
  // A line that never got a seat, or a pending booking staff never confirmed: the note says which.
  expired: '已失效',
}

/** A moderator's decision, in a template's phrase field (≤ 5 characters). */
export const MODERATION_LABEL: Record<ModerationNotice['decision'], string> = {
  approved: '审核通过',
  rejected: '未通过',
}

/** What was held, in a template's thing field. */
export const MODERATION_KIND_LABEL: Record<ModerationNotice['subject']['kind'], string> = {
  report: '您反映的诉求',
  message: '您发送的留言',
  notice: '您发布的通知',
  proposal: '您提出的议题',
  contribution: '您的讨论发言',
  question: '您提的问题',
  photo: '您上传的照片',
}

/** Nobody is told (tests, or a deployment that wants silence). */
export { silentNotifier } from '../../src/core/context'

// ── WeChat subscribe messages ───────────────────────────────────────────────────────────────────

export interface WeChatSubscribeConfig extends WeChatHttpOptions {
  appId: string
  secret: string
  /** The subscribe message template (订阅消息模板 ID) chosen in the mini-program console. */
  templateId: string
  /**
   * Which template keyword carries what. Defaults fit a typical "工单进度通知" template:
   * thing1 问题类型, character_string2 诉求编号, phrase3 当前状态, time4 更新时间, thing5 备注.
   */
  fields?: Partial<Record<'category' | 'number' | 'status' | 'time' | 'note', string>>
  /** The page a tap on the message opens; `{id}` is replaced by the report's id. */
  page?: string
  /** developer | trial | formal (default formal). */
  miniprogramState?: 'developer' | 'trial' | 'formal'
  now?: () => number
  /** The access_token cache to share (server.ts shares one with the mini-program codes); else its own. */
  tokens?: WeChatAccessToken
  /**
   * A second template for consultation events (a vote opened or its result published, my proposal
   * answered or on the agenda); absent: those events are not sent. Its keywords default to thing1
   * 事项, phrase2 进展, time3 时间, thing4 备注.
   */
  consultationTemplateId?: string
  consultationFields?: Partial<Record<'title' | 'progress' | 'time' | 'note', string>>
  /** The pages a tap on a consultation message opens; `{id}` is the vote or the proposal. */
  consultationPages?: Partial<Record<'vote' | 'proposal', string>>
  /**
   * A third template for bookings (reminders the day before and an hour before, a seat from the
   * waitlist, confirmed, rejected, cancelled by staff, a pause, a waitlist that ended); absent: those
   * are not sent. Its keywords default to thing1 服务项目, time2 预约时间, thing3 地点, phrase4 状态,
   * thing5 备注.
   */
  bookingTemplateId?: string
  bookingFields?: Partial<Record<'service' | 'time' | 'where' | 'status' | 'note', string>>
  /** The page a tap on a booking message opens; `{id}` is the booking. */
  bookingPage?: string
  /**
   * A fourth template for moderation decisions on a held text (approved and published, or not, with
   * the reason), to its author; absent: those are not sent. Its keywords default to thing1 内容,
   * phrase2 审核结果, time3 审核时间, thing4 备注.
   */
  moderationTemplateId?: string
  moderationFields?: Partial<Record<'subject' | 'decision' | 'time' | 'note', string>>
  /**
   * The page a tap opens, per kind of text; `{id}` is the text's id. A text without a page of its
   * own (a message, a contribution, a question) opens the 消息 tab.
   */
  moderationPages?: Partial<Record<ModerationNotice['subject']['kind'], string>>
}

export class WeChatNotifyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WeChatNotifyError'
  }
}

const DEFAULT_FIELDS = { category: 'thing1', number: 'character_string2', status: 'phrase3', time: 'time4', note: 'thing5' }
const DEFAULT_CONSULTATION_FIELDS = { title: 'thing1', progress: 'phrase2', time: 'time3', note: 'thing4' }
const DEFAULT_CONSULTATION_PAGES = { vote: 'consult/vote/index?id={id}', proposal: 'consult/proposal/index?id={id}' }
const DEFAULT_BOOKING_FIELDS = { service: 'thing1', time: 'time2', where: 'thing3', status: 'phrase4', note: 'thing5' }
const DEFAULT_BOOKING_PAGE = 'booking/detail/index?id={id}'
const DEFAULT_MODERATION_FIELDS = { subject: 'thing1', decision: 'phrase2', time: 'time3', note: 'thing4' }
const DEFAULT_MODERATION_PAGES: Record<ModerationNotice['subject']['kind'], string> = {
  report: 'reports/detail/index?id={id}',
  notice: 'notices/detail/index?id={id}',
  proposal: 'consult/proposal/index?id={id}',
  message: 'pages/messages/index',
  contribution: 'pages/messages/index',
  question: 'pages/messages/index',
  // A photo is attached to a report (or a proposal …): the 办事 tab lists the person's reports.
  photo: 'pages/tasks/index',
}

/** WeChat caps: thing ≤ 20 characters, phrase ≤ 5, character_string ≤ 32. */
function fit(value: string, max: number): string {
  const chars = Array.from(value.replace(/\s+/g, ' ').trim())
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}

/** `2026-11-21 16:05` in China time, the format of a template's time field. */
function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/**
 * 订阅消息 through WeChat's server API: an access_token from the stable token API (cached until
 * shortly before it expires, refreshed once when WeChat says it is no longer valid), then
 * `subscribeMessage.send` to the recipient's openid. People without an openid (demo accounts) are
 * skipped. Every failure throws WeChatNotifyError, which the report service logs — the resident
 * may simply not have subscribed (errcode 43101), which is normal.
 */
/** subscribeMessage.send: the person has not subscribed to the template (or withdrew). */
const NOT_SUBSCRIBED = [43101]

export class WeChatSubscribeNotifier implements Notifier {
  private readonly tokens: WeChatAccessToken
  private readonly fields: typeof DEFAULT_FIELDS

  constructor(private readonly config: WeChatSubscribeConfig) {
    this.tokens = config.tokens ?? new WeChatAccessToken(config)
    this.fields = { ...DEFAULT_FIELDS, ...config.fields }
  }

  async notify(change: StatusChange): Promise<void> {
    const openid = change.recipient.openid
    if (!openid) return
    const f = this.fields
    await this.deliver(openid, this.config.templateId, (this.config.page ?? 'reports/detail/index?id={id}').replace('{id}', encodeURIComponent(change.report.id)), {
      [f.category]: { value: fit(change.report.categoryName, 20) },
      [f.number]: { value: fit(change.report.number, 32) },
      [f.status]: { value: fit(STATUS_LABEL[change.to], 5) },
      [f.time]: { value: chinaTime(change.at) },
      [f.note]: { value: fit(change.note || STATUS_LABEL[change.to], 20) },
    })
  }

  /** A consultation event, with the second template; nothing without one (or without an openid). */
  async consult(event: ConsultationEvent): Promise<void> {
    const templateId = this.config.consultationTemplateId
    const openid = event.recipient.openid
    if (!templateId || !openid) return
    const f = { ...DEFAULT_CONSULTATION_FIELDS, ...this.config.consultationFields }
    const page = { ...DEFAULT_CONSULTATION_PAGES, ...this.config.consultationPages }[event.subject.kind]
    await this.deliver(openid, templateId, page.replace('{id}', encodeURIComponent(event.subject.id)), {
      [f.title]: { value: fit(event.subject.title, 20) },
      [f.progress]: { value: fit(CONSULTATION_LABEL[event.kind], 5) },
      [f.time]: { value: chinaTime(event.at) },
      [f.note]: { value: fit(event.note || CONSULTATION_LABEL[event.kind], 20) },
    })
  }

  /**
   * A booking notice, with the third template; its time field is the booking's start. Nothing
   * without one (or without an openid). A person who has not subscribed (errcode 43101) is not
   * asked again: a reminder's job would only retry it five times for nothing.
   */
  async booking(notice: BookingNotice): Promise<void> {
    const templateId = this.config.bookingTemplateId
    const openid = notice.recipient.openid
    if (!templateId || !openid) return
    const f = { ...DEFAULT_BOOKING_FIELDS, ...this.config.bookingFields }
    await this.deliver(
      openid,
      templateId,
      (this.config.bookingPage ?? DEFAULT_BOOKING_PAGE).replace('{id}', encodeURIComponent(notice.booking.id)),
      {
        [f.service]: { value: fit(notice.booking.serviceName, 20) },
        [f.time]: { value: chinaTime(notice.booking.startsAt) },
        [f.where]: { value: fit(notice.booking.where, 20) },
        [f.status]: { value: fit(BOOKING_LABEL[notice.kind], 5) },
        [f.note]: { value: fit(notice.note || BOOKING_LABEL[notice.kind], 20) },
      },
      NOT_SUBSCRIBED,
    )
  }

  /**
   * A moderation decision, with the fourth template, to the text's author. Nothing without one (or
   * without an openid); a person who has not subscribed (43101) is an answer, not a failure.
   */
  async moderation(notice: ModerationNotice): Promise<void> {
    const templateId = this.config.moderationTemplateId
    const openid = notice.recipient.openid
    if (!templateId || !openid) return
    const f = { ...DEFAULT_MODERATION_FIELDS, ...this.config.moderationFields }
    const page = { ...DEFAULT_MODERATION_PAGES, ...this.config.moderationPages }[notice.subject.kind]
    await this.deliver(
      openid,
      templateId,
      page.replace('{id}', encodeURIComponent(notice.subject.id)),
      {
        [f.subject]: { value: fit(MODERATION_KIND_LABEL[notice.subject.kind], 20) },
        [f.decision]: { value: fit(MODERATION_LABEL[notice.decision], 5) },
        [f.time]: { value: chinaTime(notice.at) },
        [f.note]: { value: fit(notice.note || MODERATION_LABEL[notice.decision], 20) },
      },
      NOT_SUBSCRIBED,
    )
  }

  /** Send one message; an errcode in `accepted` is taken as an answer, not a failure. */
  private async deliver(openid: string, templateId: string, page: string, data: Record<string, { value: string }>, accepted: readonly number[] = []): Promise<void> {
    let answer: { errcode?: number }
    try {
      answer = await this.tokens.use((token) => this.send(token, { touser: openid, template_id: templateId, page, data }))
    } catch (error) {
      // WeChatApiError messages name the API and the errcode, never the URL, token or secret.
      if (error instanceof WeChatApiError) throw new WeChatNotifyError(error.message)
      throw error
    }
    if (answer.errcode && !accepted.includes(answer.errcode)) throw new WeChatNotifyError(`subscribeMessage.send errcode ${answer.errcode}`)
  }

  private async send(token: string, message: { touser: string; template_id: string; page: string; data: Record<string, { value: string }> }): Promise<{ errcode?: number }> {
    const body = { ...message, miniprogram_state: this.config.miniprogramState ?? 'formal', lang: 'zh_CN' }
    const url = weChatUrl(this.config.baseUrl, '/cgi-bin/message/subscribe/send', { access_token: token })
    return weChatJson<{ errcode?: number }>('subscribeMessage.send', await weChatFetch(this.config, 'subscribeMessage.send', url, body))
  }
}
