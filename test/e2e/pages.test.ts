/**
 * The page check of issue 9, in `npm test`: every page of the H5 memory build (dist-h5/), as each role
 * that can reach it, in normal and in elder mode (长辈模式). Elder mode: text ≥ 18 px (inputs and text
 * areas too), line height ≥ 1.3, contrast ≥ 4.5:1, targets ≥ 60×60; normal mode: targets ≥ 44×44;
 * axe-core: no serious or critical violation. Prints the table per page (smallest text, smallest
 * target, misses, violations) and fails on any miss. Screenshots of every page in elder mode go to
 * artifacts/pages/. This file holds the first part of the roles (support/page-check-files.ts);
 * pages-2.test.ts the second, pages-320*.test.ts both at 320 px. The same check by hand:
 * `npm run check:pages` (`-- --width 320`).
 */
import { definePageCheck } from './support/page-check-files'

definePageCheck({
  part: 0,
  title: 'every page meets the numbers in normal and elder mode (H5, memory backend), part 1 of the roles',
  claim: 'text, targets, line height and contrast; axe-core has no serious or critical violation',
})
