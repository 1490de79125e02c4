import type { ConventionKind, DisclosureCategory } from '../../../types/domain'

// The names the home page's cards show, apart from the rules of conventions and disclosures: the
// main package carries these two tables, not those modules (ADR 37).
export const CONVENTION_KIND_LABEL: Record<ConventionKind, string> = { community: '社区公约', village: '村规民约', building: '微公约' }

export const DISCLOSURE_CATEGORY_LABEL: Record<DisclosureCategory, string> = { party: '党务公开', affairs: '居务公开', finance: '财务公开' }
