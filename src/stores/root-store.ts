import { configure, reaction } from 'mobx'
import type { ApiClient } from '../api/client'
import type { Capabilities } from '../api/capabilities'
import type { NetworkStatus } from '../platform/network'
import type { KeyValueStorage } from '../platform/storage'
import { AuditLogStore } from './audit-log-store'
import { ClaimsReviewStore } from './claims-review-store'
import { BookingDeskStore } from './booking-desk-store'
import { ConsultationStore } from './consultation-store'
import { ConventionsStore } from './conventions-store'
import { DisclosuresStore } from './disclosures-store'
import { DiscussionStore } from './discussion-store'
import { ProposalsStore } from './proposals-store'
import { VotesStore } from './votes-store'
import { MyBookingsStore } from './my-bookings-store'
import { ServicesStore } from './services-store'
import { DashboardStore } from './dashboard-store'
import { DirectoryStore } from './directory-store'
import { DraftStore } from './draft-store'
import { HandlingStore } from './handling-store'
import { InboxStore } from './inbox-store'
import { InvitesStore } from './invites-store'
import { MembershipStore } from './membership-store'
import { MessagesStore } from './messages-store'
import { ModerationStore } from './moderation-store'
import { MyReportsStore } from './my-reports-store'
import { NoticesStore } from './notices-store'
import { OutboxStore } from './outbox-store'
import { PeopleStore } from './people-store'
import { PrivacyStore, type PrivacyPort } from './privacy-store'
import { ReportDetailStore } from './report-detail-store'
import { ReportQuestionsStore } from './report-questions-store'
import { SessionStore } from './session-store'
import { SignOutRegistry } from './sign-out'
import { StructureStore } from './structure-store'
import { UiStore } from './ui-store'

// Outside production (the dev builds and every test) a state change outside an action is reported,
// observed or not; MobX's default reports only observed ones, which a test without a screen never has.
if (process.env.NODE_ENV !== 'production') configure({ enforceActions: 'always' })

export interface StoreDeps {
  api: ApiClient
  storage: KeyValueStorage
  network: NetworkStatus
  /** WeChat's privacy authorization (default: the platform's; a fake in tests). */
  privacy?: PrivacyPort
}

/**
 * Builds the domain stores from one ApiClient (MobX "Defining data stores"), each with only its part
 * of the client. Stores stay narrow and talk through small callbacks wired here, not by reaching into
 * each other. Screens reach the backend only through these stores.
 */
export class RootStore {
  /** What the backend offers; screens hide what it does not. */
  readonly capabilities: Capabilities
  /** Which adapter the app runs on (the 我的 page says whether data stays on the device). */
  readonly backendMode: ApiClient['mode']

  readonly session: SessionStore
  readonly directory: DirectoryStore
  readonly outbox: OutboxStore
  readonly draft: DraftStore
  /** The extra questions of the categories that ask some (an Open311 service's). */
  readonly reportQuestions: ReportQuestionsStore
  readonly myReports: MyReportsStore
  readonly reportDetails: ReportDetailStore
  readonly inbox: InboxStore
  readonly handling: HandlingStore
  readonly notices: NoticesStore
  readonly messages: MessagesStore
  readonly dashboard: DashboardStore
  readonly membership: MembershipStore
  readonly claimsReview: ClaimsReviewStore
  readonly invites: InvitesStore
  readonly people: PeopleStore
  readonly structure: StructureStore
  // Conventions and consultation (issue 11).
  readonly conventions: ConventionsStore
  readonly disclosures: DisclosuresStore
  readonly consultation: ConsultationStore
  readonly proposals: ProposalsStore
  readonly votes: VotesStore
  readonly discussion: DiscussionStore
  // Service booking (issue 12).
  readonly services: ServicesStore
  readonly myBookings: MyBookingsStore
  readonly bookingDesk: BookingDeskStore
  // Content security (issue 13): the moderation queue and the audit log.
  readonly moderation: ModerationStore
  readonly auditLog: AuditLogStore
  readonly ui: UiStore
  /** The privacy dialog WeChat asks for before a privacy API (every screen draws it). */
  readonly privacy: PrivacyStore
  /** What each store forgets when the signed-in user changes; every store registers itself. */
  private readonly signOut = new SignOutRegistry()
  private readonly disposers: Array<() => void> = []

  constructor(deps: StoreDeps) {
    const { api, storage, network } = deps
    const onSignOut = this.signOut.onSignOut
    this.capabilities = api.capabilities
    this.backendMode = api.mode
    this.session = new SessionStore({ session: api.session, capabilities: api.capabilities })
    this.directory = new DirectoryStore(api.directory, onSignOut)
    this.outbox = new OutboxStore({ reports: api.reports, media: api.media }, storage, network, onSignOut)
    this.reportQuestions = new ReportQuestionsStore(api.reports, () => this.directory.categories, onSignOut)
    this.draft = new DraftStore(storage, () => this.directory.categories, this.outbox, onSignOut, (id) => this.reportQuestions.state(id))
    this.myReports = new MyReportsStore(api.reports, onSignOut)
    this.reportDetails = new ReportDetailStore(api.reports, onSignOut)
    this.inbox = new InboxStore(api.handling, onSignOut)
    this.handling = new HandlingStore({ handling: api.handling, media: api.media }, onSignOut)
    this.notices = new NoticesStore({ notices: api.notices, capabilities: api.capabilities }, onSignOut)
    this.messages = new MessagesStore({ messages: api.messages, capabilities: api.capabilities }, () => this.session.user?.id ?? null, onSignOut)
    this.dashboard = new DashboardStore({ dashboard: api.dashboard, communities: api.communities, capabilities: api.capabilities }, onSignOut)
    this.membership = new MembershipStore(api, onSignOut)
    this.claimsReview = new ClaimsReviewStore(api, onSignOut)
    this.invites = new InvitesStore(api, onSignOut)
    this.people = new PeopleStore(api, onSignOut)
    this.structure = new StructureStore(api, onSignOut)
    this.conventions = new ConventionsStore(api, onSignOut)
    this.disclosures = new DisclosuresStore(api, onSignOut)
    this.consultation = new ConsultationStore(api, onSignOut)
    this.proposals = new ProposalsStore(api, onSignOut, storage)
    this.votes = new VotesStore(api, onSignOut)
    this.discussion = new DiscussionStore(api, onSignOut)
    this.services = new ServicesStore(api, onSignOut, storage)
    this.myBookings = new MyBookingsStore(api, onSignOut)
    this.bookingDesk = new BookingDeskStore(api, onSignOut, storage)
    this.moderation = new ModerationStore(api, onSignOut)
    this.auditLog = new AuditLogStore(api, onSignOut)
    this.ui = new UiStore(storage)
    this.privacy = new PrivacyStore(deps.privacy)

    this.outbox.onSent = (report) => this.myReports.prepend(report)
    this.reportDetails.onChange = (detail) => {
      this.myReports.patch(detail.report)
      this.inbox.patch(detail.report)
    }
    this.handling.onChange = (detail) => this.reportDetails.put(detail)

    // Everything personal follows the signed-in user and their community: cleared when either
    // changes (someone else signs in; the person joins a community), opened again after.
    this.disposers.push(
      reaction(
        () => (this.session.user ? `${this.session.user.id}\u0000${this.session.user.communityId ?? ''}` : null),
        () => this.onUserChanged(this.session.user?.id ?? null),
      ),
    )
    this.disposers.push(() => this.outbox.dispose())
    // The draft's category asks questions (chosen now, or kept in a restored draft once the
    // categories are in): load them.
    this.disposers.push(
      reaction(
        () => (this.reportQuestions.needsLoad(this.draft.draft.categoryId) ? this.draft.draft.categoryId : null),
        (categoryId) => {
          if (categoryId) void this.reportQuestions.load(categoryId)
        },
        { fireImmediately: true },
      ),
    )
    // A list that failed while offline heals itself when the network is back.
    this.disposers.push(
      network.subscribe((online) => {
        if (online && this.myReports.error) void this.myReports.refresh()
      }),
    )
  }

  private onUserChanged(userId: string | null): void {
    this.signOut.clearAll()
    if (!userId) return
    // A person in no community yet has nothing to load: the app asks them to pick theirs.
    if (this.session.user?.communityId === null) return
    this.draft.open(userId)
    this.outbox.open(userId)
    void this.directory.load()
    void this.myReports.load()
    void this.outbox.flush()
    void this.notices.refreshUnread()
    void this.messages.refreshUnread()
  }

  /** Restore the session; the reaction above opens the user's draft and outbox. */
  async start(): Promise<void> {
    // Before any page can call a privacy API: WeChat's requests open the app's own dialog.
    this.privacy.listen()
    await this.session.restore()
  }

  dispose(): void {
    this.disposers.forEach((d) => d())
  }
}
