import { configure, reaction } from 'mobx'
import type { ApiClient } from '../api/client'
import type { Capabilities } from '../api/capabilities'
import type { NetworkStatus } from '../platform/network'
import type { KeyValueStorage } from '../platform/storage'
import { ConsultationStore } from './consultation-store'
import { MyBookingsStore } from './my-bookings-store'
import { ServicesStore } from './services-store'
import { DirectoryStore } from './directory-store'
import { FeatureStoreCache, type FeatureStores } from './features'
import { DraftStore } from './draft-store'
import { MembershipStore } from './membership-store'
import { MessagesStore } from './messages-store'
import { MyReportsStore } from './my-reports-store'
import { NoticesStore } from './notices-store'
import { OutboxStore } from './outbox-store'
import { PrivacyStore, type PrivacyPort } from './privacy-store'
import { ReportDetailStore } from './report-detail-store'
import { ReportQuestionsStore } from './report-questions-store'
import { SessionStore } from './session-store'
import { SignOutRegistry } from './sign-out'
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
  readonly notices: NoticesStore
  readonly messages: MessagesStore
  readonly membership: MembershipStore
  // Consultation's front door on 首页 (issue 11).
  readonly consultation: ConsultationStore
  // Service booking (issue 12).
  readonly services: ServicesStore
  readonly myBookings: MyBookingsStore
  readonly ui: UiStore
  /** The privacy dialog WeChat asks for before a privacy API (every screen draws it). */
  readonly privacy: PrivacyStore
  /** What each store forgets when the signed-in user changes; every store registers itself. */
  private readonly signOut = new SignOutRegistry()
  /** The stores of one subpackage's screens, built on first use (features.ts, ADR 32). */
  private readonly features: FeatureStoreCache
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
    this.notices = new NoticesStore({ notices: api.notices, capabilities: api.capabilities }, onSignOut)
    this.messages = new MessagesStore({ messages: api.messages, capabilities: api.capabilities }, () => this.session.user?.id ?? null, onSignOut)
    this.membership = new MembershipStore(api, onSignOut)
    this.consultation = new ConsultationStore(api, onSignOut)
    this.services = new ServicesStore(api, onSignOut, storage)
    this.myBookings = new MyBookingsStore(api, onSignOut)
    this.ui = new UiStore(storage)
    this.privacy = new PrivacyStore(deps.privacy)
    this.features = new FeatureStoreCache(() => ({ api, storage, onSignOut, reportDetails: this.reportDetails }))

    this.outbox.onSent = (report) => this.myReports.prepend(report)
    this.reportDetails.onChange = (detail) => {
      this.myReports.patch(detail.report)
      this.features.peek('inbox')?.patch(detail.report)
    }

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

  // The stores of the staff workspace (the staff subpackage).
  get inbox(): FeatureStores['inbox'] {
    return this.features.get('inbox')
  }
  get handling(): FeatureStores['handling'] {
    return this.features.get('handling')
  }
  get dashboard(): FeatureStores['dashboard'] {
    return this.features.get('dashboard')
  }
  // Content security (issue 13): the moderation queue and the audit log (staff).
  get moderation(): FeatureStores['moderation'] {
    return this.features.get('moderation')
  }
  get auditLog(): FeatureStores['auditLog'] {
    return this.features.get('auditLog')
  }
  // Household claims to review: the admin and staff subpackages each register it (Taro copies a
  // module only subpackages share into each of them, not into the main package).
  get claimsReview(): FeatureStores['claimsReview'] {
    return this.features.get('claimsReview')
  }
  // The community's administration (the admin subpackage).
  get invites(): FeatureStores['invites'] {
    return this.features.get('invites')
  }
  get people(): FeatureStores['people'] {
    return this.features.get('people')
  }
  get structure(): FeatureStores['structure'] {
    return this.features.get('structure')
  }
  // Consultation (the consult subpackage).
  get conventions(): FeatureStores['conventions'] {
    return this.features.get('conventions')
  }
  get disclosures(): FeatureStores['disclosures'] {
    return this.features.get('disclosures')
  }
  get proposals(): FeatureStores['proposals'] {
    return this.features.get('proposals')
  }
  get votes(): FeatureStores['votes'] {
    return this.features.get('votes')
  }
  get discussion(): FeatureStores['discussion'] {
    return this.features.get('discussion')
  }
  // The booking desk (the booking subpackage).
  get bookingDesk(): FeatureStores['bookingDesk'] {
    return this.features.get('bookingDesk')
  }

  dispose(): void {
    this.disposers.forEach((d) => d())
  }
}
