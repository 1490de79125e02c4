/**
 * The page check at 320 px, the narrowest phone still sold (pages.test.ts has the numbers): text
 * wraps and nothing runs out of its box. The first part of the roles; pages-320-2.test.ts the
 * second. Screenshots go to artifacts/pages-320/.
 */
import { definePageCheck } from './support/page-check-files'

definePageCheck({
  part: 0,
  width: 320,
  shots: 'artifacts/pages-320',
  title: 'every page meets the numbers on a 320 px phone (H5, memory backend), part 1 of the roles',
  claim: 'the same on the narrowest phone still sold, 320 px wide (text wraps, nothing runs out of its box)',
})
