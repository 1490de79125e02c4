import { passEverything, silentLog, silentNotifier, type ContentCheck, type ImageCheck, type Log, type Notifier, type Runtime, type WeChatCodes, type WeChatLogin } from './context'
import type { Store } from './ports'
import { withoutQuotas } from './quotas'
import { BookingService } from './services/booking'
import { CommunityService } from './services/communities'
import { ConsultationService } from './services/consultation'
import { DashboardService } from './services/dashboard'
import { HandlingService } from './services/handling'
import { HouseholdService } from './services/households'
import { InviteService } from './services/invites'
import { MessageService } from './services/messages'
import { AuditService } from './services/audit'
import { ContentScreen, ModerationService } from './services/moderation'
import { NoticeService } from './services/notices'
import { PeopleService } from './services/people'
import { PHOTO_CHECK_JOB, PhotoService } from './services/photos'
import { ProfileService } from './services/profile'
import { ReportService } from './services/reports'
import { SessionService, type SessionChanges } from './services/sessions'
import { StructureService } from './services/structure'

export interface CoreOptions {
  /** Demo accounts and demo sign-in (default off). */
  demo?: boolean
  /** The per-person quotas of ADR 20 (default on); off only for load tests (`npm run bench`). */
  quotas?: boolean
  weChat?: WeChatLogin
  /** Mini-program codes for invites and the community code (absent: plain codes only). */
  weChatCodes?: WeChatCodes
  /** Session lifetime (default 30 days). */
  sessionTtlHours?: number
  /** How long a seen session is trusted without asking the store (default 0). */
  sessionCacheMs?: number
  /** Tells other processes over the same store what the session cache dropped (the server on PostgreSQL: NOTIFY; ADR 0030). */
  sessionChanges?: SessionChanges
  notifier?: Notifier
  log?: Log
  /** Checks text before others read it (issue 13); default: everything passes. */
  contentCheck?: ContentCheck
  /** Checks photos asynchronously (issue 13); default: every photo passes at once. */
  imageCheck?: ImageCheck
  /** How long an upload waits for the photo checker's first answer (default 1000 ms; it is recorded whenever it comes). */
  imageCheckWaitMs?: number
  /** The absolute URL the photo checker fetches a photo from (default: the uploader's photo URL). */
  imageCheckUrl?: (photoId: string) => string
}

/** Every capability of Linli, written once, over one store. */
export interface Core {
  sessions: SessionService
  reports: ReportService
  handling: HandlingService
  messages: MessageService
  notices: NoticeService
  dashboard: DashboardService
  photos: PhotoService
  communities: CommunityService
  households: HouseholdService
  invites: InviteService
  people: PeopleService
  profile: ProfileService
  structure: StructureService
  /** Conventions and consultation (issue 11): the app's ConventionsApi, method for method. */
  consultation: ConsultationService
  /** Service booking (issue 12): the app's ServicesApi, method for method, and the durable jobs. */
  bookings: BookingService
  /** The moderation queue of held texts (issue 13). */
  moderation: ModerationService
  /** The audit log of staff actions (issue 13). */
  audit: AuditService
}

export function createCore(given: Store, runtime: Runtime, options: CoreOptions = {}): Core {
  const store = options.quotas === false ? withoutQuotas(given) : given
  const sessions = new SessionService(store, runtime, {
    ttlHours: options.sessionTtlHours ?? 720,
    demo: options.demo ?? false,
    weChat: options.weChat,
    cacheMs: options.sessionCacheMs ?? 0,
    log: options.log,
    changes: options.sessionChanges,
  })
  // A change of who someone is (roles, household, account) is read afresh on their next request.
  const forget = (userId: string) => sessions.forgetUser(userId)
  const log = options.log ?? silentLog
  const photos = new PhotoService(store, runtime, { imageCheck: options.imageCheck, checkWaitMs: options.imageCheckWaitMs, checkUrl: options.imageCheckUrl, log })
  // Every text others read passes the content check first (issue 13).
  const screen = new ContentScreen(options.contentCheck ?? passEverything, store, log)
  return {
    sessions,
    reports: new ReportService(store, runtime, screen),
    handling: new HandlingService(store, runtime, { notifier: options.notifier ?? silentNotifier, log }),
    messages: new MessageService(store, runtime, screen),
    notices: new NoticeService(store, runtime, screen),
    dashboard: new DashboardService(store, runtime),
    photos,
    communities: new CommunityService(store, forget, { codes: options.weChatCodes, log }),
    households: new HouseholdService(store, runtime, forget),
    invites: new InviteService(store, runtime, forget, { codes: options.weChatCodes, log }),
    people: new PeopleService(store, forget, runtime),
    profile: new ProfileService(store, runtime, forget),
    structure: new StructureService(store, runtime),
    consultation: new ConsultationService(store, runtime, { notifier: options.notifier ?? silentNotifier, log, screen }),
    // The photo checks' retries run on the booking's durable job runner (one table, one worker).
    bookings: new BookingService(store, runtime, { notifier: options.notifier ?? silentNotifier, log, jobs: { [PHOTO_CHECK_JOB]: (job, complete) => photos.runCheckJob(job, complete) } }),
    moderation: new ModerationService(store, runtime, { notifier: options.notifier ?? silentNotifier, log }),
    audit: new AuditService(store),
  }
}
