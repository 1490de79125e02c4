/**
 * One jest file of the page check (issue 9): a part of the roles (`roleGroups`) at one phone width.
 * The check is four files — two parts at 375 px and two at 320 px — so that jest runs them beside
 * each other and beside the other browser tests instead of two long files at the end of the run.
 */
import { checkPages, pageCount, PAGE_ROLES, passed, report, roleGroups } from './page-check'

/** Set here: Jest 29 ignores `testTimeout` inside a project entry. About 75 pages, twice each. */
const TEST_TIMEOUT = 1_500_000
export const PARTS = 2

export function definePageCheck(options: { part: number; width?: number; shots?: string; title: string; claim: string }): void {
  describe(options.title, () => {
    const groups = roleGroups(PARTS)
    const roles = groups[options.part]

    it('the parts together hold every role of the check, each once', () => {
      expect(groups.flat().sort()).toEqual([...PAGE_ROLES].sort())
      expect(roles.length).toBeGreaterThan(0)
    })

    it(options.claim, async () => {
      const results = await checkPages({ roles, width: options.width, shots: options.shots })
      const table = report(results)
      console.log(`roles ${roles.join(', ')}${options.width ? ` at ${options.width} px` : ''}\n${table}`)
      if (!passed(results)) throw new Error(`the page check found misses:\n${table}`)
      // Every page of these roles, in both modes (dialogs and the H5 bars are rows of their own).
      expect(results.filter((m) => !m.chrome && !m.page.endsWith(' · dialog')).length).toBe(2 * pageCount(roles))
    }, TEST_TIMEOUT)
  })
}
