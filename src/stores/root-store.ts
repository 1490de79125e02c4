import { reaction } from 'mobx'
import type { ApiClient } from '../api/client'
import type { NetworkStatus } from '../platform/network'
import type { KeyValueStorage } from '../platform/storage'
import { DashboardStore } from './dashboard-store'
import { DirectoryStore } from './directory-store'
import { DraftStore } from './draft-store'
import { HandlingStore } from './handling-store'
import { InboxStore } from './inbox-store'
import { MessagesStore } from './messages-store'
import { MyReportsStore } from './my-reports-store'
import { NoticesStore } from './notices-store'
import { OutboxStore } from './outbox-store'
import { ReportDetailStore } from './report-detail-store'
import { SessionStore } from './session-store'
import { UiStore } from './ui-store'

export interface StoreDeps {
  api: ApiClient
  storage: KeyValueStorage
  network: NetworkStatus
}

/**
 * Builds the domain stores from one ApiClient (MobX "Defining data stores"). Stores stay narrow and
 * talk through small callbacks wired here, not by reaching into each other.
 */
export class RootStore {
  readonly api: ApiClient
  readonly session: SessionStore
  readonly directory: DirectoryStore
  readonly outbox: OutboxStore
  readonly draft: DraftStore
  readonly myReports: MyReportsStore
  readonly reportDetails: ReportDetailStore
  readonly inbox: InboxStore
  readonly handling: HandlingStore
  readonly notices: NoticesStore
  readonly messages: MessagesStore
  readonly dashboard: DashboardStore
  readonly ui: UiStore
  private readonly disposers: Array<() => void> = []

  constructor(deps: StoreDeps) {
    this.api = deps.api
    this.session = new SessionStore(deps.api)
    this.directory = new DirectoryStore(deps.api)
    this.outbox = new OutboxStore(deps.api, deps.storage, deps.network)
    this.draft = new DraftStore(deps.storage, () => this.directory.categories, this.outbox)
    this.myReports = new MyReportsStore(deps.api)
    this.reportDetails = new ReportDetailStore(deps.api)
    this.inbox = new InboxStore(deps.api)
    this.handling = new HandlingStore(deps.api)
    this.notices = new NoticesStore(deps.api)
    this.messages = new MessagesStore(deps.api, () => this.session.user?.id ?? null)
    this.dashboard = new DashboardStore(deps.api)
    this.ui = new UiStore(deps.storage)

    this.outbox.onSent = (report) => this.myReports.prepend(report)
    this.reportDetails.onChange = (detail) => {
      this.myReports.patch(detail.report)
      this.inbox.patch(detail.report)
    }
    this.handling.onChange = (detail) => this.reportDetails.put(detail)

    // Everything personal follows the signed-in user: opened on sign-in, cleared on sign-out.
    this.disposers.push(
      reaction(
        () => this.session.user?.id ?? null,
        (userId) => this.onUserChanged(userId),
      ),
    )
    this.disposers.push(() => this.outbox.dispose())
    // A list that failed while offline heals itself when the network is back.
    this.disposers.push(
      deps.network.subscribe((online) => {
        if (online && this.myReports.error) void this.myReports.refresh()
      }),
    )
  }

  private onUserChanged(userId: string | null): void {
    for (const store of [this.myReports, this.reportDetails, this.inbox, this.handling, this.notices, this.messages, this.dashboard]) store.clear()
    this.draft.open(userId)
    this.outbox.open(userId)
    if (userId) {
      void this.directory.load()
      void this.myReports.load()
      void this.outbox.flush()
      void this.notices.refreshUnread()
      void this.messages.refreshUnread()
    } else {
      this.directory.clear()
    }
  }

  /** Restore the session; the reaction above opens the user's draft and outbox. */
  async start(): Promise<void> {
    await this.session.restore()
  }

  dispose(): void {
    this.disposers.forEach((d) => d())
  }
}
