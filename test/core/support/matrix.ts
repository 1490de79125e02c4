import { DEMO, failure, OTHER, type Outcome } from './world'

/**
 * The roles of the authorization matrix, each a person of the demo community or of the second one.
 * "Other" objects are chosen against them: the neighbour's report is 李明's (3号楼, grid g-2, a
 * building 周桂芳 leads), the foreign one a resident's of the second community.
 */
export const ROLE = {
  resident: DEMO.wang, // 3号楼201, grid g-2
  leader: DEMO.zhou, // leads 3号楼 and 5号楼: no say over reports
  gridIn: DEMO.sun, // grid g-2: the neighbour's grid
  gridOut: DEMO.liu, // grid g-1
  staff: DEMO.zhang,
  admin: DEMO.he,
  otherStaff: OTHER.staff, // staff of the second community
  otherGrid: OTHER.gridWorker, // grid worker of the second community
} as const

export type Role = keyof typeof ROLE
export const ROLES = Object.keys(ROLE) as Role[]

export const communityOfRole = (role: Role) => (role === 'otherStaff' || role === 'otherGrid' ? OTHER.community : DEMO.community)
export const isHandlerRole = (role: Role) => ['gridIn', 'gridOut', 'staff', 'otherStaff', 'otherGrid'].includes(role)

export type Expected = Record<Role, Outcome>

export function all(outcome: Outcome): Expected {
  return Object.fromEntries(ROLES.map((r) => [r, outcome])) as Expected
}

/** The roles named get their outcome; every other role gets `rest`. */
export function only(named: Partial<Expected>, rest: Outcome): Expected {
  return { ...all(rest), ...named }
}

/** One test per (row, role): the rows of a table crossed with every role. */
export function cells<Row extends { name: string; expected: Expected }>(rows: readonly Row[]): Array<[string, Role, Outcome, Row]> {
  return rows.flatMap((row) => ROLES.map((role) => [row.name, role, row.expected[role], row] as [string, Role, Outcome, Row]))
}

/** A matrix cell: an outcome, or an outcome with the exact message its refusal shows. */
export type Cell = Outcome | [Outcome, string]

/** Run one cell: 'ok' resolves (then `check` looks at the answer); a refusal is an ApiError of that kind (and message). */
export async function expectCell<T>(cell: Cell, call: () => Promise<T>, check?: (result: T) => void | Promise<void>): Promise<void> {
  const [kind, message] = typeof cell === 'string' ? [cell, undefined] : cell
  if (kind === 'ok') {
    const result = await call()
    await check?.(result)
    return
  }
  const error = await failure(call())
  expect(error.kind).toBe(kind)
  if (message !== undefined) expect(error.message).toBe(message)
}
