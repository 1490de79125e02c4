import Taro from '@tarojs/taro'

/**
 * WeChat's privacy authorization (用户隐私保护指引, base library ≥ 2.32.3). Before a privacy API
 * (chooseLocation, chooseMedia, the clipboard…) runs for the first time, WeChat asks the app to show
 * its own dialog (`wx.onNeedPrivacyAuthorization`) and waits for the answer: the dialog's
 * `<Button openType='agreePrivacyAuthorization'>` records the consent, and the app passes it on with
 * `resolve({ event: 'agree', buttonId })`, or `resolve({ event: 'disagree' })` — then the API fails.
 *
 * The H5 build, and a WeChat too old for these APIs, have no such flow: every function here then
 * answers "go ahead" and does nothing (feature-detected, so an old base library is not a crash).
 */

/** What a privacy API was about to use, when the app knows (it asked first): the dialog says why. */
export type PrivacyPurpose = 'location' | 'photos'

/** One wait of WeChat's for the person's answer (a privacy API is pending behind it). */
export interface PrivacyRequest {
  /** What the person was doing, when the app asked before the API; null when WeChat asked on its own. */
  purpose: PrivacyPurpose | null
  /** Tell WeChat the dialog is on the screen (its exposure report). */
  shown(): void
  /** The person's answer: agreed (on the agree button `buttonId`, which they tapped) or refused. */
  answer(answer: { agreed: true; buttonId: string } | { agreed: false }): void
}

/** The part of WeChat's API this uses; Taro passes wx's functions through unchanged (callback style). */
interface PrivacyApi {
  getPrivacySetting(option: { success?: (res: { needAuthorization: boolean; privacyContractName: string }) => void; fail?: (res: unknown) => void }): void
  requirePrivacyAuthorize(option: { success?: (res: unknown) => void; fail?: (res: unknown) => void }): void
  onNeedPrivacyAuthorization(listener: (resolve: (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void) => void): void
  openPrivacyContract?(option: { success?: (res: unknown) => void; fail?: (res: unknown) => void }): void
}

function privacyApi(): PrivacyApi | null {
  if (process.env.TARO_ENV !== 'weapp') return null
  const t = Taro as unknown as Partial<PrivacyApi>
  const has = typeof t.getPrivacySetting === 'function' && typeof t.requirePrivacyAuthorize === 'function' && typeof t.onNeedPrivacyAuthorization === 'function'
  return has ? (t as PrivacyApi) : null
}

/** Whether this platform has WeChat's privacy authorization at all. */
export function hasPrivacyAuthorization(): boolean {
  return privacyApi() !== null
}

/** What the app asked for last (askPrivacy), for the dialog WeChat's next request opens. */
let asking: PrivacyPurpose | null = null

/**
 * Show the app's dialog whenever WeChat waits for the person's answer. Registered once, at launch.
 * Answers false on a platform without the flow (nothing is registered).
 */
export function onPrivacyRequest(show: (request: PrivacyRequest) => void): boolean {
  const api = privacyApi()
  if (!api) return false
  api.onNeedPrivacyAuthorization((resolve) => {
    const purpose = asking
    asking = null
    show({
      purpose,
      shown: () => resolve({ event: 'exposureAuthorization' }),
      answer: (answer) => resolve(answer.agreed ? { event: 'agree', buttonId: answer.buttonId } : { event: 'disagree' }),
    })
  })
  return true
}

/** Whether the person still has to agree, and the name of the app's 隐私保护指引 in WeChat. */
export function privacySetting(): Promise<{ needAuthorization: boolean; contractName: string }> {
  const api = privacyApi()
  if (!api) return Promise.resolve({ needAuthorization: false, contractName: '' })
  return new Promise((resolve) => {
    api.getPrivacySetting({
      success: (res) => resolve({ needAuthorization: Boolean(res.needAuthorization), contractName: res.privacyContractName ?? '' }),
      // Unknown: the privacy API itself makes WeChat ask, if it must.
      fail: () => resolve({ needAuthorization: false, contractName: '' }),
    })
  })
}

/**
 * Before a privacy API: true when it may run (agreed now or before, or a platform without the
 * flow), false when the person refused — then the caller does not call it and offers what works
 * without (a typed address, no photo). The app's dialog opens through `onPrivacyRequest`.
 */
export async function askPrivacy(purpose: PrivacyPurpose): Promise<boolean> {
  const api = privacyApi()
  if (!api) return true
  const { needAuthorization } = await privacySetting()
  if (!needAuthorization) return true
  asking = purpose
  return new Promise((resolve) => {
    api.requirePrivacyAuthorize({
      success: () => {
        asking = null
        resolve(true)
      },
      fail: () => {
        asking = null
        resolve(false)
      },
    })
  })
}

/** WeChat's page of the app's 隐私保护指引 (as set in the mini-program's admin console); false when it cannot open. */
export function openPrivacyContract(): Promise<boolean> {
  const api = privacyApi()
  if (typeof api?.openPrivacyContract !== 'function') return Promise.resolve(false)
  return new Promise((resolve) => {
    api.openPrivacyContract!({ success: () => resolve(true), fail: () => resolve(false) })
  })
}
