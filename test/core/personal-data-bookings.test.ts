import { plainLawyer, THU_10 } from './support/booking'
import { createWorld, DEMO } from './support/world'

/**
 * A person's data export (PIPL) and service booking: the bookings for them come with what they
 * answered; the ones a staff member made for someone else (代约) are listed as theirs to have made,
 * without the other person's answers (a phone number, the purpose of a lawyer's visit).
 */

const SERVICE = plainLawyer({
  questions: [
    { id: 'purpose', label: '咨询事项', kind: 'text', required: true },
    { id: 'phone', label: '联系电话', kind: 'phone', required: true },
  ],
})

describe('the data export and bookings', () => {
  it('bookings for me carry my answers; a 代约 booking is in the staff member’s export without the resident’s answers', async () => {
    const world = await createWorld()
    const staff = await world.caller(DEMO.zhang)
    const service = await world.core.bookings.create(staff, SERVICE, { idempotencyKey: world.key() })
    const booking = await world.core.bookings.book(
      staff,
      { serviceId: service.id, startsAt: THU_10, answers: { purpose: '遗产继承咨询', phone: '13800000077' }, forUserId: DEMO.li },
      { idempotencyKey: world.key() },
    )

    // The demo community's seed has bookings of its own: this one is looked up by its id.
    const mine = (await world.core.profile.exportData(await world.caller(DEMO.li))).bookings.filter((b) => b.id === booking.id)
    expect(mine).toEqual([expect.objectContaining({ forMe: true, serviceName: '法律咨询', status: booking.status })])
    expect(mine[0].answers.map((a) => a.value)).toEqual(expect.arrayContaining(['遗产继承咨询', '13800000077']))

    const staffExport = await world.core.profile.exportData(staff)
    expect(staffExport.bookings.filter((b) => b.id === booking.id)).toEqual([expect.objectContaining({ forMe: false, serviceName: '法律咨询', answers: [] })])
    expect(staffExport.bookings.every((b) => b.forMe || b.answers.length === 0)).toBe(true)
    expect(JSON.stringify(staffExport)).not.toContain('13800000077')
    expect(JSON.stringify(staffExport)).not.toContain('遗产继承咨询')
  })
})
