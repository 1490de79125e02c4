/**
 * What the screen tests share: a demo backend (the memory adapter, real clock), a RootStore signed
 * in as one of its people, other people's clients on the same backend, and rendering a page.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react'
import type { ComponentType } from 'react'
import type { ApiClient } from '../../../src/api/client'
import { MemoryBackend } from '../../../src/api/memory/backend'
import { fakeNetwork } from '../../../src/platform/network'
import { memoryStorage, type KeyValueStorage } from '../../../src/platform/storage'
import { StoreProvider } from '../../../src/stores/context'
import { RootStore } from '../../../src/stores/root-store'
import Taro, { resetTaro, setRouterParams } from '../../support/taro-jsdom'
import { failOnChangesOutsideActions } from '../../unit/stores/support/strict-actions'
import { recordingClient } from '../../unit/support/memory-world'

const roots: RootStore[] = []

export type Fault = (op: string) => void

export interface World {
  backend: MemoryBackend
  /**
   * The app on a device, signed in as `userId`; `api` is its client (to read the backend as that
   * user, or spy on a request), `ops` lists every request it made.
   */
  app(userId: string): Promise<{ root: RootStore; api: ApiClient; ops: string[]; faults: { before?: Fault }; storage: ReturnType<typeof memoryStorage> }>
  /** Someone else acting on the same backend (staff handling, a neighbour reading …). */
  client(userId: string): Promise<ApiClient>
}

export function world(): World {
  const serverStorage: KeyValueStorage = memoryStorage()
  const backend = new MemoryBackend({ storage: serverStorage })
  const device = () => recordingClient({ backend, storage: memoryStorage(), network: fakeNetwork(true) })
  return {
    backend,
    async app(userId) {
      const { api, ops, faults } = device()
      const storage = memoryStorage()
      const root = new RootStore({ api, storage, network: fakeNetwork(true) })
      roots.push(root)
      await act(async () => {
        await root.session.signInDemo(userId)
      })
      await waitFor(() => expect(root.directory.directory).not.toBeNull())
      return { root, api, ops, faults, storage }
    },
    async client(userId) {
      const { api } = device()
      await api.session.signInDemo(userId)
      return api
    },
  }
}

/** Render a page of the app for `root`, with the route's query parameters. */
export function renderPage(root: RootStore, Page: ComponentType, params: Record<string, string> = {}) {
  setRouterParams(params)
  return render(
    <StoreProvider store={root}>
      <Page />
    </StoreProvider>,
  )
}

/** Taro APIs the shim does not stub; fresh mocks for each test. */
export function stubTabBar() {
  const stubs = {
    setTabBarBadge: jest.fn((_o: { index: number; text: string }): Promise<any> => Promise.resolve({ errMsg: 'ok' })),
    removeTabBarBadge: jest.fn((_o: { index: number }): Promise<any> => Promise.resolve({ errMsg: 'ok' })),
    showShareMenu: jest.fn((_o?: unknown): Promise<any> => Promise.resolve({ errMsg: 'ok' })),
  }
  Object.assign(Taro, stubs)
  return stubs
}

export function disposeRoots(): void {
  roots.splice(0).forEach((r) => r.dispose())
}

// ---- reading the screen ----------------------------------------------------------------------
// Text, classes and counts only: printing a Taro element in a failure message walks into the stores.

export function all(selector: string): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>(selector))
}

export function one(selector: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(selector)
  if (!el) throw new Error(`nothing matches ${selector}`)
  return el
}

export function fieldError(field: string): string | null {
  return document.querySelector<HTMLElement>(`.field-error[data-field="${field}"]`)?.textContent ?? null
}

/** The native text field inside a Taro/NutUI field: Taro's web components draw it a moment after mounting. */
export function fieldIn(selector: string): Promise<HTMLInputElement | HTMLTextAreaElement> {
  return waitFor(() => {
    const found = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`${selector} textarea, ${selector} input`)
    if (!found) throw new Error(`no text field in ${selector}`)
    return found
  })
}

/** Type into a Taro/NutUI text field: the native element inside the web component. */
export async function typeInto(selector: string, text: string): Promise<void> {
  const field = await fieldIn(selector)
  fireEvent.focus(field)
  fireEvent.input(field, { target: { value: text } })
}

/**
 * Each page test starts on a fresh Taro shim with a stubbed tab bar (`tabBar()` gives this test's),
 * fails if a store changed state outside an action, and leaves no React tree and no store reactions
 * behind.
 */
export function usePageTests(): { tabBar(): ReturnType<typeof stubTabBar> } {
  failOnChangesOutsideActions()
  let current: ReturnType<typeof stubTabBar> | undefined
  beforeEach(() => {
    resetTaro()
    current = stubTabBar()
  })
  afterEach(() => {
    cleanup()
    disposeRoots()
  })
  return {
    tabBar() {
      if (!current) throw new Error('tabBar() is for inside a test')
      return current
    },
  }
}

/** Tap an element and let what it starts settle. */
export async function tap(selector: string): Promise<void> {
  await act(async () => {
    fireEvent.click(one(selector))
  })
}
