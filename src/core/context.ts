import type { Actor } from '../domain/actor'
import type { Id, ReportAction, ReportStatus, User } from '../../types/domain'

/** Who is asking, and how this caller reaches photo bytes (a URL per photo id). */
export interface Caller {
  user: User
  actor: Actor
  photoUrl(id: Id): string
}

/** What the services need from their surroundings besides storage: time and fresh identifiers. */
export interface Runtime {
  now(): Date
  /** A fresh unguessable id with a readable prefix (`r_…`). */
  newId(prefix: string): string
  /** A fresh bearer token, and the hash of a token that is kept in its place. */
  newToken(): string
  hashToken(token: string): string
}

/** A change of a report's status, told to one person who follows the report. */
export interface StatusChange {
  recipient: { userId: Id; openid?: string }
  report: { id: Id; number: string; categoryName: string; description: string }
  move: ReportAction
  from: ReportStatus | null
  to: ReportStatus
  at: string
  note?: string
}

/** Something of the community's consultation (issue 11), told to one person it concerns. */
export interface ConsultationEvent {
  recipient: { userId: Id; openid?: string }
  kind: 'vote_opened' | 'vote_result' | 'proposal_answered' | 'proposal_threshold'
  subject: { kind: 'vote' | 'proposal'; id: Id; title: string }
  at: string
  /** A few words for the message (≤ 20 characters fit a template's thing field). */
  note: string
}

/** Something of a booking (issue 12), told to the person it is for. */
export interface BookingNotice {
  recipient: { userId: Id; openid?: string }
  kind: 'reminder_day' | 'reminder_hour' | 'promoted' | 'confirmed' | 'rejected' | 'cancelled' | 'paused' | 'expired'
  booking: { id: Id; serviceName: string; startsAt: string; where: string }
  at: string
  /** A few words for the message (≤ 20 characters fit a template's thing field). */
  note: string
}

/** A moderator's decision on a held text (issue 13), told to its author. */
export interface ModerationNotice {
  recipient: { userId: Id; openid?: string }
  decision: 'approved' | 'rejected'
  /** The held text, or a photo the image check held (`photo`). */
  subject: { kind: ContentKind | 'photo'; id: Id }
  at: string
  /** A few words for the message (≤ 20 characters fit a template's thing field). */
  note: string
}

/** Tells people about changes (WeChat subscribe messages, a log, nobody). A failure never undoes the change. */
export interface Notifier {
  notify(change: StatusChange): Promise<void>
  /** Consultation events; a notifier without it tells nobody of them. */
  consult?(event: ConsultationEvent): Promise<void>
  /** Booking events (reminders, promotions, confirmations); a notifier without it tells nobody of them. */
  booking?(notice: BookingNotice): Promise<void>
  /** Moderation decisions on a held text, to its author; a notifier without it tells nobody of them. */
  moderation?(notice: ModerationNotice): Promise<void>
}

export const silentNotifier: Notifier = { notify: async () => undefined }

export interface Log {
  warn(details: Record<string, unknown>, message: string): void
}

export const silentLog: Log = { warn: () => undefined }

/** The WeChat login exchange (code2Session), done by the server with its AppSecret. */
export interface WeChatLogin {
  /** A mini-program's `wx.login` code (jscode2session). */
  code2Session(code: string): Promise<{ openid: string }>
  /**
   * A code from WeChat's web authorization (网页授权, the H5 app opened inside WeChat), exchanged
   * at sns/oauth2/access_token; absent when the server has no web sign-in configured.
   */
  webCode?(code: string): Promise<{ openid: string }>
}

/** Where a WeChat sign-in code came from: `wx.login` in the mini-program, or web authorization in H5. */
export type WeChatCodeSource = 'miniprogram' | 'web'

/**
 * The WeChat mini-program code API (wxacode.getUnlimited), done by the server with its access
 * token: a mini-program code (a round QR-like image) that opens `page` with `scene` in its query.
 * A failure rejects with a `WeChatLoginError` (reason `rate_limited` or `unavailable`).
 */
export interface WeChatCodes {
  /** `scene`: at most 32 visible ASCII characters; `page`: a page path without a leading slash. */
  unlimitedCode(input: { scene: string; page: string; width?: number }): Promise<{ contentType: string; bytes: Uint8Array }>
}

/** Why a WeChat login exchange failed; the session service turns each into the user's message. */
export class WeChatLoginError extends Error {
  constructor(
    readonly reason: 'invalid_code' | 'rate_limited' | 'unavailable',
    message: string,
  ) {
    super(message)
    this.name = 'WeChatLoginError'
  }
}

/**
 * What a piece of user text is, for the content check (issue 13): WeChat's msgSecCheck scene and the
 * moderation queue's label both come from it.
 */
export type ContentKind = 'report' | 'message' | 'notice' | 'proposal' | 'contribution' | 'question'

/** A text someone wrote that others will read, about to be published. */
export interface ContentSubject {
  kind: ContentKind
  /** Everything others will read, joined (a proposal's title and body, a report's public description). */
  text: string
  communityId: Id
  author: { userId: Id; openid?: string }
}

/**
 * A content check's answer: `pass` publishes, `review` holds the text for the staff's moderation
 * queue (others do not see it until it is approved), `reject` refuses it. `reason` is the checker's
 * label (a word list's entry, WeChat's label number), kept with the decision, never shown as is.
 */
export type ContentVerdict = { verdict: 'pass' } | { verdict: 'review'; reason: string } | { verdict: 'reject'; reason: string }

/**
 * Checks text before it is published (a word list offline; WeChat's msgSecCheck v2 when configured).
 * A checker that cannot answer (WeChat unreachable) answers `review`, never `pass`: a held text
 * waits for a person, a published one cannot be unread.
 */
export interface ContentCheck {
  text(subject: ContentSubject): Promise<ContentVerdict>
  /** The checker reads the author's openid (WeChat's does): only then is it looked up before each check. */
  readonly needsOpenid?: boolean
}

/** A stored photo to check, with a URL the checker can fetch it from. */
export interface ImageSubject {
  photoId: Id
  url: string
  communityId: Id
  author: { userId: Id; openid?: string }
}

/**
 * Checks photos asynchronously (WeChat's mediaCheckAsync when configured): `submit` answers a verdict
 * at once (an offline checker) or a trace id whose verdict arrives later (WeChat's callback, verified)
 * and is recorded then. Until a photo's verdict is `pass`, only its owner and staff see it.
 */
export interface ImageCheck {
  submit(subject: ImageSubject): Promise<ContentVerdict | { pending: string }>
}

/** The default: every text and photo passes (a server configures a word list or WeChat). */
export const passEverything: ContentCheck & ImageCheck = {
  text: async () => ({ verdict: 'pass' }),
  submit: async () => ({ verdict: 'pass' }),
}

const SEVERITY = { pass: 0, review: 1, reject: 2 } as const

/**
 * Several checkers as one: each is asked, the strictest verdict wins (reject over review over pass),
 * and a checker that fails counts as `review` (the port's rule: never `pass` when unsure).
 */
export function strictestOf(checks: readonly ContentCheck[]): ContentCheck {
  return {
    needsOpenid: checks.some((check) => check.needsOpenid),
    text: async (subject) => {
      const verdicts = await Promise.all(
        checks.map((check) => check.text(subject).catch((): ContentVerdict => ({ verdict: 'review', reason: 'check_failed' }))),
      )
      return verdicts.reduce<ContentVerdict>((worst, v) => (SEVERITY[v.verdict] > SEVERITY[worst.verdict] ? v : worst), { verdict: 'pass' })
    },
  }
}
