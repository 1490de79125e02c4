import type { Database } from '../db/driver'
import type { PhotoStorage } from '../photos/storage'
import type { DashboardService } from '../services/dashboard'
import type { MessageService } from '../services/messages'
import type { NoticeService } from '../services/notices'
import type { PhotoService } from '../services/photos'
import type { ReportService } from '../services/reports'
import type { SessionService } from '../services/sessions'

export interface RateLimit {
  max: number
  timeWindowMs: number
}

export interface RateLimits {
  /** POST /reports and POST /reports/on-behalf, per signed-in user. */
  submit: RateLimit
  /** Demo and WeChat sign-in, per client IP. */
  signIn: RateLimit
}

/** What the route plugins are built from (passed as plugin options, not decorators: explicit and typed). */
export interface RouteDeps {
  db: Database
  sessions: SessionService
  reports: ReportService
  messages: MessageService
  notices: NoticeService
  dashboard: DashboardService
  photos: PhotoService
  storage: PhotoStorage
  rateLimits: RateLimits
  maxPhotoBytes: number
  publicUrl?: string
}
