// The stores only the admin subpackage's screens use (src/stores/features.ts, ADR 32): imported at
// the top of every page of the subpackage, so they ship here and not in the main package.
import { ClaimsReviewStore } from '../stores/claims-review-store'
import { registerFeatureStores } from '../stores/features'
import { InvitesStore } from '../stores/invites-store'
import { PeopleStore } from '../stores/people-store'
import { StructureStore } from '../stores/structure-store'

registerFeatureStores({
  claimsReview: ({ api, onSignOut }) => new ClaimsReviewStore(api, onSignOut),
  invites: ({ api, onSignOut }) => new InvitesStore(api, onSignOut),
  people: ({ api, onSignOut }) => new PeopleStore(api, onSignOut),
  structure: ({ api, onSignOut }) => new StructureStore(api, onSignOut),
})
