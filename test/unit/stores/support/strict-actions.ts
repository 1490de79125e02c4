/**
 * Fail a test in which MobX reports a state change outside an action. The root store's module turns
 * the check on (`enforceActions: 'always'`) outside production; MobX only warns, so the warning is
 * caught here and turned into a failure.
 */
export function failOnChangesOutsideActions(): void {
  let reports: string[] = []
  let spy: jest.SpyInstance | undefined
  beforeEach(() => {
    reports = []
    const warn = console.warn
    spy = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('[MobX]')) reports.push(args[0])
      else warn(...args)
    })
  })
  afterEach(() => {
    spy?.mockRestore()
    expect(reports).toEqual([])
  })
}
