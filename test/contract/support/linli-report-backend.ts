import type { ApiClient } from '../../../src/api/client'
import type { ReportBackend } from '../report-suite'
import type { ContractBackend } from '../suite'

/** The demo community's residents, taken in turn: each call another resident on another phone. */
const RESIDENTS = ['u-wang', 'u-li', 'u-zhao']

/**
 * Linli's own backend (memory, the reference server) as the report suite's: the demo community's
 * residents file under 路灯故障, and its staff member 张敏 takes a report on (受理), then does it herself (派单) and resolves it.
 */
export function linliReportBackend(contract: ContractBackend): ReportBackend {
  let turn = 0
  const as = async (userId: string): Promise<ApiClient> => {
    const api = contract.client('fresh')
    await api.session.signInDemo(userId)
    return api
  }
  return {
    resident: () => as(RESIDENTS[turn++ % RESIDENTS.length]),
    categoryId: 'cat-light',
    location: { kind: 'text', address: '映月社区3号楼北侧' },
    async handle(report, step, note) {
      const staff = await as('u-zhang')
      if (step === 'start') return (await staff.handling.accept(report.id, { note })).report.status
      await staff.handling.assign(report.id, { assignee: { kind: 'user', id: 'u-zhang' } })
      return (await staff.handling.resolve(report.id, { note })).report.status
    },
    teardown: () => contract.teardown(),
  }
}
