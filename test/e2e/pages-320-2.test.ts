/** The page check at 320 px (pages-320.test.ts), the second part of the roles. */
import { definePageCheck } from './support/page-check-files'

definePageCheck({
  part: 1,
  width: 320,
  shots: 'artifacts/pages-320',
  title: 'every page meets the numbers on a 320 px phone (H5, memory backend), part 2 of the roles',
  claim: 'the same on the narrowest phone still sold, 320 px wide (text wraps, nothing runs out of its box)',
})
