import { silentLog, silentNotifier, type Log, type Notifier, type Runtime, type WeChatCodes, type WeChatLogin } from './context'
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
import { NoticeService } from './services/notices'
import { PeopleService } from './services/people'
import { PhotoService } from './services/photos'
import { ProfileService } from './services/profile'
import { ReportService } from './services/reports'
import { SessionService } from './services/sessions'
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
  notifier?: Notifier
  log?: Log
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
}

export function createCore(given: Store, runtime: Runtime, options: CoreOptions = {}): Core {
  const store = options.quotas === false ? withoutQuotas(given) : given
  const sessions = new SessionService(store, runtime, {
    ttlHours: options.sessionTtlHours ?? 720,
    demo: options.demo ?? false,
    weChat: options.weChat,
    cacheMs: options.sessionCacheMs ?? 0,
    log: options.log,
  })
  // A change of who someone is (roles, household, account) is read afresh on their next request.
  const forget = (userId: string) => sessions.forgetUser(userId)
  const log = options.log ?? silentLog
  return {
    sessions,
    reports: new ReportService(store, runtime),
    handling: new HandlingService(store, runtime, { notifier: options.notifier ?? silentNotifier, log }),
    messages: new MessageService(store, runtime),
    notices: new NoticeService(store, runtime),
    dashboard: new DashboardService(store, runtime),
    photos: new PhotoService(store, runtime),
    communities: new CommunityService(store, forget, { codes: options.weChatCodes, log }),
    households: new HouseholdService(store, runtime, forget),
    invites: new InviteService(store, runtime, forget, { codes: options.weChatCodes, log }),
    people: new PeopleService(store, forget),
    profile: new ProfileService(store, runtime, forget),
    structure: new StructureService(store, runtime),
    consultation: new ConsultationService(store, runtime, { notifier: options.notifier ?? silentNotifier, log }),
    bookings: new BookingService(store, runtime, { notifier: options.notifier ?? silentNotifier, log }),
  }
}
