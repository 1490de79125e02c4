import type { PageSpec } from './page-check'

/** The page check's views of consult/ — proposals, discussions and votes — each as a role that can reach it. */
export const PROPOSAL_PAGES: PageSpec[] = []

/**
 * Ids these views need, looked up in the page (a script body run inside page-check's lookUpIds,
 * with `api`, `ids` and `safe` in scope): e.g. `ids.convention = ...`.
 */
export const PROPOSAL_IDS = ``
