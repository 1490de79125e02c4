// The stores only the staff subpackage's screens use (src/stores/features.ts, ADR 32): imported at
// the top of every page of the subpackage, so they ship here and not in the main package.
import { AuditLogStore } from '../stores/audit-log-store'
import { DashboardStore } from '../stores/dashboard-store'
import { ClaimsReviewStore } from '../stores/claims-review-store'
import { registerFeatureStores } from '../stores/features'
import { HandlingStore } from '../stores/handling-store'
import { InboxStore } from '../stores/inbox-store'
import { ModerationStore } from '../stores/moderation-store'

registerFeatureStores({
  claimsReview: ({ api, onSignOut }) => new ClaimsReviewStore(api, onSignOut),
  inbox: ({ api, onSignOut }) => new InboxStore(api.handling, onSignOut),
  handling: ({ api, onSignOut, reportDetails }) => {
    const handling = new HandlingStore({ handling: api.handling, media: api.media }, onSignOut)
    // A handled report shows its new state wherever its detail is open.
    handling.onChange = (detail) => reportDetails.put(detail)
    return handling
  },
  dashboard: ({ api, onSignOut }) => new DashboardStore({ dashboard: api.dashboard, communities: api.communities, capabilities: api.capabilities }, onSignOut),
  moderation: ({ api, onSignOut }) => new ModerationStore(api, onSignOut),
  auditLog: ({ api, onSignOut }) => new AuditLogStore(api, onSignOut),
})
