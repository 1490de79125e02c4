import type { PageSpec } from './page-check'

// Each role's specs share one browser context (one demo backend): a spec's act leaves the data as it
// was (a dialog opened, a form refused, a chip chosen), never a booking made or cancelled.

/** The page check's views of booking/ for the resident side (issue 12), each as a role that can reach it. */
export const BOOKING_RESIDENT_PAGES: PageSpec[] = []

/** Looks up the ids the specs above name (runs in the page, with `api`, `ids` and `safe` in scope). */
export const BOOKING_RESIDENT_IDS = `
`
