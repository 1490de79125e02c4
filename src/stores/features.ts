import type { ApiClient } from '../api/client'
import type { KeyValueStorage } from '../platform/storage'
import type { AuditLogStore } from './audit-log-store'
import type { BookingDeskStore } from './booking-desk-store'
import type { ClaimsReviewStore } from './claims-review-store'
import type { ConventionsStore } from './conventions-store'
import type { DashboardStore } from './dashboard-store'
import type { DisclosuresStore } from './disclosures-store'
import type { DiscussionStore } from './discussion-store'
import type { HandlingStore } from './handling-store'
import type { InboxStore } from './inbox-store'
import type { InvitesStore } from './invites-store'
import type { ModerationStore } from './moderation-store'
import type { PeopleStore } from './people-store'
import type { ProposalsStore } from './proposals-store'
import type { ReportDetailStore } from './report-detail-store'
import type { OnSignOut } from './sign-out'
import type { StructureStore } from './structure-store'
import type { VotesStore } from './votes-store'

/**
 * The stores only one subpackage's screens use (ADR 32). The root store does not import them: each
 * subpackage registers the factories of its own (`src/<feature>/stores.ts`, imported by every page
 * of it), so their code and the domain rules only they need ship in that subpackage, not in the
 * weapp's main package. The root builds one on first use and keeps it; what it holds is forgotten
 * on sign-out like any store's. Only types are imported here.
 */
export interface FeatureStores {
  inbox: InboxStore
  handling: HandlingStore
  dashboard: DashboardStore
  moderation: ModerationStore
  auditLog: AuditLogStore
  claimsReview: ClaimsReviewStore
  invites: InvitesStore
  people: PeopleStore
  structure: StructureStore
  conventions: ConventionsStore
  disclosures: DisclosuresStore
  proposals: ProposalsStore
  votes: VotesStore
  discussion: DiscussionStore
  bookingDesk: BookingDeskStore
}

export type FeatureName = keyof FeatureStores

/** What a factory may build its store from. */
export interface FeatureContext {
  api: ApiClient
  storage: KeyValueStorage
  onSignOut: OnSignOut
  /** For a store that tells another of a change (a handled report updates its open detail). */
  reportDetails: ReportDetailStore
}

export type FeatureFactory<K extends FeatureName> = (context: FeatureContext) => FeatureStores[K]

const factories = new Map<FeatureName, (context: FeatureContext) => unknown>()

/** Register how a feature store is built (a subpackage's `stores.ts`, when its first page loads). */
export function registerFeatureStores(made: { [K in FeatureName]?: FeatureFactory<K> }): void {
  for (const [name, factory] of Object.entries(made) as Array<[FeatureName, (context: FeatureContext) => unknown]>) factories.set(name, factory)
}

/** The stores of the features, each built once on first use. */
export class FeatureStoreCache {
  private readonly made = new Map<FeatureName, unknown>()

  constructor(private readonly context: () => FeatureContext) {}

  get<K extends FeatureName>(name: K): FeatureStores[K] {
    if (!this.made.has(name)) {
      const factory = factories.get(name)
      if (!factory) throw new Error(`store "${name}": its subpackage's stores.ts is not loaded (import it at the top of every page of the subpackage)`)
      this.made.set(name, factory(this.context()))
    }
    return this.made.get(name) as FeatureStores[K]
  }

  /** The store if it was built (a change elsewhere only needs to reach a store already on screen). */
  peek<K extends FeatureName>(name: K): FeatureStores[K] | undefined {
    return this.made.get(name) as FeatureStores[K] | undefined
  }
}
