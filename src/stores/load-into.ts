import { runInAction } from 'mobx'
import { messageOf } from '../api/errors'

/** The state of a store that reads one thing from the backend. */
export interface Loadable {
  loading: boolean
  loaded: boolean
  error: string | null
}

/**
 * Read one thing into a store: nothing while a read is on its way; otherwise `fetch`, then `apply`
 * the answer, mark it loaded and clear the error, or keep what is shown and say why in `error`.
 * Every change is made in a MobX action.
 */
export async function loadInto<T>(store: Loadable, fetch: () => Promise<T>, apply: (value: T) => void): Promise<void> {
  if (store.loading) return
  runInAction(() => (store.loading = true))
  try {
    const value = await fetch()
    runInAction(() => {
      apply(value)
      store.loaded = true
      store.error = null
    })
  } catch (error) {
    runInAction(() => (store.error = messageOf(error)))
  } finally {
    runInAction(() => (store.loading = false))
  }
}
