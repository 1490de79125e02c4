import { runInAction } from 'mobx'

/** How a store registers, when it is built, what it forgets when the signed-in user changes. */
export type OnSignOut = (clear: () => void) => void

/**
 * Everything that belongs to the signed-in user, forgotten when they sign out, their session
 * expires, or someone else signs in on the device. Each store registers its own `clear` when it is
 * built, so the root keeps no list a new store could be missing from.
 */
export class SignOutRegistry {
  private readonly clears: Array<() => void> = []

  readonly onSignOut: OnSignOut = (clear) => {
    this.clears.push(clear)
  }

  /** How many clears are registered (for tests and diagnostics). */
  get size(): number {
    return this.clears.length
  }

  /** Run every registered clear, in one action: screens never see half the user's data gone. */
  clearAll(): void {
    runInAction(() => this.clears.forEach((clear) => clear()))
  }
}
