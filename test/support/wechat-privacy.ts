/**
 * WeChat's privacy authorization (base library ≥ 2.32.3) as a stand-in `wx` part, for the unit tests
 * of src/platform/privacy.ts and for the weapp bundle (test/weapp/privacy.test.ts): what the real one
 * does, as its documentation describes it.
 *
 * - getPrivacySetting answers needAuthorization until the person agreed, and the guide's name;
 * - a privacy API (`guard(name, run)`: chooseLocation, chooseMedia…) called before that waits: the
 *   app's onNeedPrivacyAuthorization listener is called with `resolve`, and the API runs on
 *   resolve({ event: 'agree', buttonId }) — only when that button (open-type
 *   agreePrivacyAuthorization) was tapped — or fails with "<name>:fail privacy permission is not
 *   authorized" on resolve({ event: 'disagree' }). With no listener it fails the same way;
 * - requirePrivacyAuthorize is such an API that does nothing itself;
 * - called without callbacks, a guarded API answers a promise, as WeChat's async APIs do;
 * - every call and answer goes to `log`, in order, so a test can say what ran before what.
 */
type AnyFn = (...args: any[]) => any
type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

export interface FakePrivacy {
  /** The functions to put on `wx` (callback style, as WeChat's). */
  api: Record<'getPrivacySetting' | 'requirePrivacyAuthorize' | 'onNeedPrivacyAuthorization' | 'openPrivacyContract', AnyFn>
  /** Wrap a privacy API: `run(options)` answers its success result; the wrapper is WeChat's callback API. */
  guard(name: string, run: (options: any) => Record<string, unknown>): AnyFn
  /** What happened, in order: API calls, 'listener', 'exposure', 'agree:<id>', 'disagree', '<name>:ran', '<name>:fail'. */
  log: string[]
  /** The person tapped the agree button with this id (what the button's open-type records in WeChat). */
  tap(buttonId: string): void
  readonly agreed: boolean
  /** How many resolve() calls are still pending (APIs waiting on the dialog). */
  waiting(): number
}

export function fakePrivacy(options: { needAuthorization?: boolean; contractName?: string; async?: boolean } = {}): FakePrivacy {
  let agreed = options.needAuthorization === false
  const tapped = new Set<string>()
  const log: string[] = []
  let listener: ((resolve: Resolve, info: { referrer: string }) => void) | null = null
  let pending = 0
  const later = (fn: () => void) => (options.async === false ? fn() : setTimeout(fn, 0))

  const guard = (name: string, run: (o: any) => Record<string, unknown>) =>
    (given: any = {}): Promise<unknown> | undefined => {
      // Called without callbacks, WeChat's async APIs answer a promise (Taro passes chooseMedia through so).
      if (!given.success && !given.fail && !given.complete) {
        return new Promise((resolve, reject) => void guard(name, run)({ ...given, success: resolve, fail: reject }))
      }
      const o = given
      log.push(name)
      const succeed = () => {
        log.push(`${name}:ran`)
        const res = { errMsg: `${name}:ok`, ...run(o) }
        later(() => {
          o.success?.(res)
          o.complete?.(res)
        })
      }
      const fail = () => {
        log.push(`${name}:fail`)
        const res = { errMsg: `${name}:fail privacy permission is not authorized` }
        later(() => {
          o.fail?.(res)
          o.complete?.(res)
        })
      }
      if (agreed) return void succeed()
      if (!listener) return void fail()
      let settled = false
      pending++
      log.push('listener')
      listener(
        (answer) => {
          if (answer.event === 'exposureAuthorization') {
            log.push('exposure')
            return
          }
          if (settled) return
          if (answer.event === 'agree') {
            // WeChat checks that the agree button named was tapped.
            if (!answer.buttonId || !tapped.has(answer.buttonId)) {
              log.push(`agree-refused:${answer.buttonId ?? ''}`)
              return
            }
            settled = true
            pending--
            agreed = true
            log.push(`agree:${answer.buttonId}`)
            succeed()
          } else {
            settled = true
            pending--
            log.push('disagree')
            fail()
          }
        },
        { referrer: name },
      )
    }

  return {
    api: {
      getPrivacySetting: (o: any = {}) => {
        log.push('getPrivacySetting')
        const res = { errMsg: 'getPrivacySetting:ok', needAuthorization: !agreed, privacyContractName: options.contractName ?? '《邻里小程序隐私保护指引》' }
        later(() => o.success?.(res))
      },
      requirePrivacyAuthorize: guard('requirePrivacyAuthorize', () => ({})),
      onNeedPrivacyAuthorization: (fn: typeof listener) => {
        log.push('onNeedPrivacyAuthorization')
        listener = fn
      },
      openPrivacyContract: (o: any = {}) => {
        log.push('openPrivacyContract')
        later(() => o.success?.({ errMsg: 'openPrivacyContract:ok' }))
      },
    },
    guard,
    log,
    tap: (id) => void tapped.add(id),
    get agreed() {
      return agreed
    },
    waiting: () => pending,
  }
}
