/** The page check at 375 px (pages.test.ts has the numbers), the second part of the roles. */
import { definePageCheck } from './support/page-check-files'

definePageCheck({
  part: 1,
  title: 'every page meets the numbers in normal and elder mode (H5, memory backend), part 2 of the roles',
  claim: 'text, targets, line height and contrast; axe-core has no serious or critical violation',
})
