import { createCore, type Core } from '../../src/core/core'
import { parseSessionChange, type SessionChange, type SessionChanges } from '../../src/core/services/sessions'
import { createWorld, DEMO, type World } from './support/world'

/**
 * Session caches of several processes over one store (ADR 30): each process caches the sessions it
 * saw for 30 s; what one drops (a sign-out, a person changed) it publishes through
 * `SessionOptions.changes`, and the others drop it too (`dropChange`). Here two cores over one
 * memory store stand for two server processes, the "bus" between them for PostgreSQL's NOTIFY.
 */

const CACHE_MS = 30_000

/** A bus delivering every change to every core but its sender, and what was published. */
function bus() {
  const cores: Core[] = []
  const published: SessionChange[] = []
  const portOf = (index: number): SessionChanges => ({
    async publish(change) {
      published.push(change)
      cores.forEach((core, i) => i !== index && core.sessions.dropChange(change))
    },
  })
  return { cores, published, portOf }
}

function twoProcesses(world: World, changes?: (index: number) => SessionChanges): [Core, Core] {
  const make = (index: number) =>
    createCore(world.store, world.runtime, { demo: true, log: world.log, sessionCacheMs: CACHE_MS, sessionChanges: changes?.(index) })
  return [make(0), make(1)]
}

describe('session caches of two processes', () => {
  let world: World
  beforeEach(async () => {
    world = await createWorld()
  })

  it('without the changes port, the other process honours a signed-out token from its cache (what ADR 30 fixes)', async () => {
    const [a, b] = twoProcesses(world)
    const { token } = await a.sessions.signInDemo(DEMO.wang)
    expect(await b.sessions.authenticate(token)).not.toBeNull()
    await a.sessions.signOut(token)
    expect(await a.sessions.authenticate(token)).toBeNull()
    expect(await b.sessions.authenticate(token)).not.toBeNull()
    world.clock.set(world.clock.now().getTime() + CACHE_MS + 1)
    expect(await b.sessions.authenticate(token)).toBeNull()
  })

  it('a sign-out is published after the session is deleted, and the other process refuses the token at once', async () => {
    const net = bus()
    const [a, b] = twoProcesses(world, net.portOf)
    net.cores.push(a, b)
    const { token } = await a.sessions.signInDemo(DEMO.wang)
    const other = await a.sessions.signInDemo(DEMO.wang)
    expect(await b.sessions.authenticate(token)).not.toBeNull()
    expect(await b.sessions.authenticate(other.token)).not.toBeNull()
    await a.sessions.signOut(token)
    expect(net.published).toEqual([{ kind: 'session', tokenHash: world.runtime.hashToken(token) }])
    expect(await b.sessions.authenticate(token)).toBeNull()
    // Only that session: the person's other one stays (and stays cached).
    expect((await b.sessions.authenticate(other.token))?.user.id).toBe(DEMO.wang)
  })

  it('a role revoked in one process is gone from the other’s cached session at once (forgetUser)', async () => {
    const net = bus()
    const [a, b] = twoProcesses(world, net.portOf)
    net.cores.push(a, b)
    const { token } = await a.sessions.signInDemo(DEMO.liu)
    expect((await b.sessions.authenticate(token))?.user.roles).toContain('grid_worker')
    await a.people.revokeRole(await world.caller(DEMO.he), DEMO.liu, 'grid_worker')
    expect(net.published).toContainEqual({ kind: 'user', userId: DEMO.liu })
    expect((await b.sessions.authenticate(token))?.user.roles).not.toContain('grid_worker')
  })

  it('a change that cannot be told is logged; the sign-out itself stands', async () => {
    const failing: SessionChanges = { publish: async () => Promise.reject(new Error('NOTIFY failed')) }
    const [a] = twoProcesses(world, () => failing)
    const { token } = await a.sessions.signInDemo(DEMO.wang)
    await expect(a.sessions.signOut(token)).resolves.toBeUndefined()
    expect(await a.sessions.authenticate(token)).toBeNull()
    expect(world.log.warnings.map((w) => w.message)).toContain('sessions: could not tell the other processes of a change')
  })

  it('dropAll(true) empties the cache and caches nothing until dropAll(false)', async () => {
    const [, b] = twoProcesses(world)
    const { token } = await b.sessions.signInDemo(DEMO.wang)
    const finds = jest.spyOn(world.store.sessions, 'find')
    await b.sessions.authenticate(token)
    await b.sessions.authenticate(token)
    expect(finds).toHaveBeenCalledTimes(1)
    b.sessions.dropAll(true)
    await b.sessions.authenticate(token)
    await b.sessions.authenticate(token)
    expect(finds).toHaveBeenCalledTimes(3)
    b.sessions.dropAll(false)
    await b.sessions.authenticate(token)
    await b.sessions.authenticate(token)
    expect(finds).toHaveBeenCalledTimes(4)
  })

  it('does not cache a read that began before a drop (it may hold what the drop was about)', async () => {
    const [a, b] = twoProcesses(world)
    const { token } = await a.sessions.signInDemo(DEMO.wang)
    const realFind = world.store.sessions.find.bind(world.store.sessions)
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const finds = jest.spyOn(world.store.sessions, 'find').mockImplementationOnce(async (...args) => {
      const found = await realFind(...args)
      await held
      return found
    })
    const reading = b.sessions.authenticate(token)
    // The session ends (in another process) while b's read is on its way.
    await world.store.sessions.delete(world.runtime.hashToken(token))
    b.sessions.dropChange({ kind: 'session', tokenHash: world.runtime.hashToken(token) })
    release()
    expect(await reading).not.toBeNull()
    expect(await b.sessions.authenticate(token)).toBeNull()
    expect(finds).toHaveBeenCalledTimes(2)
  })
})

describe('parseSessionChange', () => {
  it('takes the two kinds and nothing else', () => {
    expect(parseSessionChange({ kind: 'session', tokenHash: 'h', from: 'x' })).toEqual({ kind: 'session', tokenHash: 'h' })
    expect(parseSessionChange({ kind: 'user', userId: 'u-1' })).toEqual({ kind: 'user', userId: 'u-1' })
    for (const bad of [null, 'session', 1, {}, { kind: 'session' }, { kind: 'session', tokenHash: '' }, { kind: 'user', userId: 3 }, { kind: 'all' }]) {
      expect(parseSessionChange(bad)).toBeNull()
    }
  })
})
