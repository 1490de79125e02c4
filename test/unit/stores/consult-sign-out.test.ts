import { isObservableProp, toJS } from 'mobx'
import { buildApp, disposeApps, settle, signedInApp } from '../support/app'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()
afterEach(disposeApps)

const STORES = ['proposals', 'votes', 'discussion'] as const

function stateOf(store: object): Record<string, unknown> {
  const state: Record<string, unknown> = {}
  for (let o: object | null = store; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) if (isObservableProp(store, key) && !(key in state)) state[key] = toJS((store as Record<string, unknown>)[key])
  }
  return state
}

test('signing out leaves the proposal, vote and discussion stores as on a device nobody signed in on', async () => {
  const fresh = buildApp()
  await fresh.root.start()
  const nobody = Object.fromEntries(STORES.map((s) => [s, stateOf(fresh.root[s])]))

  const { root } = await signedInApp('u-zhang')
  await root.proposals.setFilter('open')
  const p = root.proposals.items[0]
  await root.proposals.load(p.id)
  await root.proposals.loadOpenProposals(p.id)
  await root.votes.refresh()
  const v = root.votes.items[0]
  await root.votes.load(v.id)
  await root.votes.loadRoll(v.id)
  await root.discussion.open({ kind: 'proposal', id: p.id })
  for (const s of STORES) expect({ [s]: stateOf(root[s]) }).not.toEqual({ [s]: nobody[s] })

  await root.session.signOut()
  await settle()
  for (const s of STORES) expect({ [s]: stateOf(root[s]) }).toEqual({ [s]: nobody[s] })
})
