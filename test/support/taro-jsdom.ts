// Component tests render the H5 build of the app in jsdom: `@tarojs/taro` is mapped here (see
// jest.config.js, project "component"). This is `@tarojs/taro-h5` with two changes:
//
// - the page lifecycle hooks are plain React effects (there is no Taro router or page stack in a
//   test): useLoad/useDidShow/useReady run once after mount, useRouter answers `router.params`,
//   which a test sets before rendering;
// - the APIs that reach out of the page (pickers, phone, toast, navigation, layout queries) are `jest.fn()`s on the
//   default export, so a test can assert on them or give them an answer:
//
//     import Taro, { resetTaro } from '../support/taro-jsdom'
//     beforeEach(() => resetTaro())
//     Taro.chooseMedia.mockResolvedValue({ tempFiles: [...] })
//     expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '119' })
//
// Everything else (storage, getEnv, pxTransform, …) is Taro's H5 implementation.
import * as TaroH5 from '@tarojs/taro-h5'
import { useEffect, useRef } from 'react'
import { inertIntersectionObserver, selectorQuery } from './selector-query'

type AnyFn = (...args: any[]) => any

// ---- lifecycle hooks -------------------------------------------------------------------------

/** Runs `callback` once after the first render (what a page sees when it is opened). */
function useOnce(callback: AnyFn | undefined, ...args: unknown[]): void {
  const ref = useRef(callback)
  ref.current = callback
  useEffect(() => {
    ref.current?.(...args)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
}

/** The current page's route, as `useRouter()` answers it. Tests set `router.params` before render. */
export const router: { path: string; params: Record<string, string | undefined> } = { path: '/pages/test', params: {} }

export function setRouterParams(params: Record<string, string | undefined>, path = router.path): void {
  router.params = { ...params }
  router.path = path
}

/** Handlers registered by the rendered page, so a test can fire them (`fire('pullDownRefresh')`). */
type PageEvent = 'pullDownRefresh' | 'reachBottom' | 'didShow' | 'didHide' | 'pageScroll'
const pageHandlers: Record<PageEvent, Set<{ current: AnyFn | undefined }>> = {
  pullDownRefresh: new Set(),
  reachBottom: new Set(),
  didShow: new Set(),
  didHide: new Set(),
  pageScroll: new Set(),
}

function usePageEvent(event: PageEvent, callback: AnyFn | undefined): void {
  const ref = useRef(callback)
  ref.current = callback
  useEffect(() => {
    const handlers = pageHandlers[event]
    handlers.add(ref)
    return () => void handlers.delete(ref)
  }, [event])
}

/** Fire a page event on whatever is mounted (e.g. pull-down refresh, page shown again). */
export async function firePageEvent(event: PageEvent, ...args: unknown[]): Promise<void> {
  await Promise.all([...pageHandlers[event]].map((h) => h.current?.(...args)))
}

export const useLoad = (callback: AnyFn) => useOnce(callback, router.params)
export const useLaunch = (callback: AnyFn) => useOnce(callback, { path: router.path, query: router.params })
export const useReady = (callback: AnyFn) => useOnce(callback)
export const useUnload = (callback: AnyFn) => {
  const ref = useRef(callback)
  ref.current = callback
  useEffect(() => () => ref.current?.(), [])
}
export const useDidShow = (callback: AnyFn) => {
  useOnce(callback)
  usePageEvent('didShow', callback)
}
export const useDidHide = (callback: AnyFn) => usePageEvent('didHide', callback)
export const usePullDownRefresh = (callback: AnyFn) => usePageEvent('pullDownRefresh', callback)
export const useReachBottom = (callback: AnyFn) => usePageEvent('reachBottom', callback)
export const usePageScroll = (callback: AnyFn) => usePageEvent('pageScroll', callback)
export const useShareAppMessage = (_callback: AnyFn) => undefined
export const useShareTimeline = (_callback: AnyFn) => undefined
export const useTabItemTap = (_callback: AnyFn) => undefined
export const useResize = (_callback: AnyFn) => undefined
export const useError = (_callback: AnyFn) => undefined
export const useRouter = () => router

const hooks = {
  useLoad,
  useLaunch,
  useReady,
  useUnload,
  useDidShow,
  useDidHide,
  usePullDownRefresh,
  useReachBottom,
  usePageScroll,
  useShareAppMessage,
  useShareTimeline,
  useTabItemTap,
  useResize,
  useError,
  useRouter,
}

// ---- stubbed APIs ----------------------------------------------------------------------------

const ok = (extra: Record<string, unknown> = {}) => ({ errMsg: 'ok', ...extra })
const cancelled = (name: string) => Promise.reject({ errMsg: `${name}:fail cancel` })

/** Fresh stubs: pickers are cancelled, everything else succeeds and does nothing. */
function createStubs() {
  return {
    chooseMedia: jest.fn((_options?: unknown): Promise<any> => cancelled('chooseMedia')),
    chooseImage: jest.fn((_options?: unknown): Promise<any> => cancelled('chooseImage')),
    chooseLocation: jest.fn((_options?: unknown): Promise<any> => cancelled('chooseLocation')),
    compressImage: jest.fn((options: { src: string }): Promise<any> => Promise.resolve(ok({ tempFilePath: options.src }))),
    previewImage: jest.fn((_options?: unknown): Promise<any> => Promise.resolve(ok())),
    makePhoneCall: jest.fn((_options: { phoneNumber: string }): Promise<any> => Promise.resolve(ok())),
    showToast: jest.fn((_options?: unknown): Promise<any> => Promise.resolve(ok())),
    showModal: jest.fn((_options?: unknown): Promise<any> => Promise.resolve(ok({ confirm: true, cancel: false }))),
    showLoading: jest.fn((_options?: unknown): Promise<any> => Promise.resolve(ok())),
    hideLoading: jest.fn((_options?: unknown): Promise<any> => Promise.resolve(ok())),
    navigateTo: jest.fn((_options: { url: string }): Promise<any> => Promise.resolve(ok())),
    redirectTo: jest.fn((_options: { url: string }): Promise<any> => Promise.resolve(ok())),
    switchTab: jest.fn((_options: { url: string }): Promise<any> => Promise.resolve(ok())),
    reLaunch: jest.fn((_options: { url: string }): Promise<any> => Promise.resolve(ok())),
    navigateBack: jest.fn((_options?: unknown): Promise<any> => Promise.resolve(ok())),
    getCurrentPages: jest.fn((): any[] => []),
    stopPullDownRefresh: jest.fn((_options?: unknown): Promise<any> => Promise.resolve(ok())),
    setNavigationBarTitle: jest.fn((_options?: unknown): Promise<any> => Promise.resolve(ok())),
    // Layout queries (a virtual list measures its rows): jsdom has no layout and no Taro page.
    createSelectorQuery: jest.fn(() => selectorQuery()),
    createIntersectionObserver: jest.fn(() => inertIntersectionObserver()),
  }
}

export type TaroStubs = ReturnType<typeof createStubs>

const { default: h5Default, ...h5Named } = TaroH5 as unknown as { default: Record<string, unknown> } & Record<string, unknown>

type TaroShim = Record<string, any> & typeof hooks & TaroStubs

/** The default export: Taro's H5 API, the hooks above, and the stubs (patch them freely). */
const Taro = { ...h5Default, ...h5Named, ...hooks } as TaroShim
Object.assign(Taro, createStubs())

/** Put fresh stubs and an empty route back; call it in `beforeEach`. */
export function resetTaro(): void {
  Object.assign(Taro, createStubs())
  setRouterParams({}, '/pages/test')
  for (const handlers of Object.values(pageHandlers)) handlers.clear()
}

export default Taro

// Named imports (`import { getEnv } from '@tarojs/taro'`, and NutUI's UMD build, which reads the
// module object) go through the default export, so a patched stub is seen by every caller.
const fwd =
  (name: string) =>
  (...args: unknown[]): any =>
    (Taro[name] as AnyFn)(...args)

export const getEnv = fwd('getEnv')
export const pxTransform = fwd('pxTransform')
export const getCurrentInstance = fwd('getCurrentInstance')
export const getSystemInfoSync = fwd('getSystemInfoSync')
export const getSystemInfo = fwd('getSystemInfo')
export const getWindowInfo = fwd('getWindowInfo')
export const getDeviceInfo = fwd('getDeviceInfo')
export const getAppBaseInfo = fwd('getAppBaseInfo')
export const createSelectorQuery = fwd('createSelectorQuery')
export const createIntersectionObserver = fwd('createIntersectionObserver')
export const createCanvasContext = fwd('createCanvasContext')
export const createOffscreenCanvas = fwd('createOffscreenCanvas')
export const createInnerAudioContext = fwd('createInnerAudioContext')
export const canvasToTempFilePath = fwd('canvasToTempFilePath')
export const getImageInfo = fwd('getImageInfo')
export const pageScrollTo = fwd('pageScrollTo')
export const nextTick = fwd('nextTick')
export const getStorageSync = fwd('getStorageSync')
export const setStorageSync = fwd('setStorageSync')
export const removeStorageSync = fwd('removeStorageSync')
export const getNetworkType = fwd('getNetworkType')
export const onNetworkStatusChange = fwd('onNetworkStatusChange')
export const chooseMedia = fwd('chooseMedia')
export const chooseImage = fwd('chooseImage')
export const chooseLocation = fwd('chooseLocation')
export const compressImage = fwd('compressImage')
export const previewImage = fwd('previewImage')
export const makePhoneCall = fwd('makePhoneCall')
export const showToast = fwd('showToast')
export const showModal = fwd('showModal')
export const showLoading = fwd('showLoading')
export const hideLoading = fwd('hideLoading')
export const navigateTo = fwd('navigateTo')
export const redirectTo = fwd('redirectTo')
export const switchTab = fwd('switchTab')
export const reLaunch = fwd('reLaunch')
export const navigateBack = fwd('navigateBack')
export const getCurrentPages = fwd('getCurrentPages')
export const stopPullDownRefresh = fwd('stopPullDownRefresh')
export const setNavigationBarTitle = fwd('setNavigationBarTitle')
export const getFileSystemManager = fwd('getFileSystemManager')
export const ENV_TYPE = Taro.ENV_TYPE
export const eventCenter = Taro.eventCenter
export const Events = Taro.Events
export const Current = Taro.Current
export const SDKVersion = Taro.SDKVersion
