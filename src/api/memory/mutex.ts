/**
 * A mutex as a promise chain: `run(work)` starts `work` when every earlier `run` has settled and
 * answers what `work` answers. A failed `work` releases the mutex like a successful one. Not
 * re-entrant: a `run` inside a `run` waits for the outer one, which waits for it — forever.
 */
export interface Mutex {
  run<T>(work: () => Promise<T>): Promise<T>
}

export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve()
  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      const result = tail.then(work)
      tail = result.then(
        () => undefined,
        () => undefined,
      )
      return result
    },
  }
}

const perStorage = new WeakMap<object, Mutex>()

/** The mutex of a storage: stores over one storage serialise with each other, not only with themselves. */
export function mutexFor(storage: object): Mutex {
  let mutex = perStorage.get(storage)
  if (!mutex) {
    mutex = createMutex()
    perStorage.set(storage, mutex)
  }
  return mutex
}
