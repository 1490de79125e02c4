// The stores only the consult subpackage's screens use (src/stores/features.ts, ADR 32): imported at
// the top of every page of the subpackage, so they ship here and not in the main package.
import { ConventionsStore } from '../stores/conventions-store'
import { DisclosuresStore } from '../stores/disclosures-store'
import { DiscussionStore } from '../stores/discussion-store'
import { registerFeatureStores } from '../stores/features'
import { ProposalsStore } from '../stores/proposals-store'
import { VotesStore } from '../stores/votes-store'

registerFeatureStores({
  conventions: ({ api, onSignOut }) => new ConventionsStore(api, onSignOut),
  disclosures: ({ api, onSignOut }) => new DisclosuresStore(api, onSignOut),
  proposals: ({ api, onSignOut, storage }) => new ProposalsStore(api, onSignOut, storage),
  votes: ({ api, onSignOut }) => new VotesStore(api, onSignOut),
  discussion: ({ api, onSignOut }) => new DiscussionStore(api, onSignOut),
})
