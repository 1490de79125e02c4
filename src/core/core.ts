import { silentLog, silentNotifier, type Log, type Notifier, type Runtime, type WeChatLogin } from './context'
import type { Store } from './ports'
import { DashboardService } from './services/dashboard'
import { HandlingService } from './services/handling'
import { MessageService } from './services/messages'
import { NoticeService } from './services/notices'
import { PhotoService } from './services/photos'
import { ReportService } from './services/reports'
import { SessionService } from './services/sessions'

export interface CoreOptions {
  /** Demo accounts and demo sign-in (default off). */
  demo?: boolean
  weChat?: WeChatLogin
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
}

export function createCore(store: Store, runtime: Runtime, options: CoreOptions = {}): Core {
  return {
    sessions: new SessionService(store, runtime, {
      ttlHours: options.sessionTtlHours ?? 720,
      demo: options.demo ?? false,
      weChat: options.weChat,
      cacheMs: options.sessionCacheMs ?? 0,
    }),
    reports: new ReportService(store, runtime),
    handling: new HandlingService(store, runtime, { notifier: options.notifier ?? silentNotifier, log: options.log ?? silentLog }),
    messages: new MessageService(store, runtime),
    notices: new NoticeService(store, runtime),
    dashboard: new DashboardService(store, runtime),
    photos: new PhotoService(store, runtime),
  }
}
