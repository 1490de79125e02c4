import type { Id } from '../../../../types/domain'
import type { HouseholdKey } from '../../../domain/consultation/households'
import type { ConsultationEvent, Log, Notifier } from '../../context'
import type { Store } from '../../ports'

export type ConsultationMessage = Omit<ConsultationEvent, 'recipient'>

/**
 * Tells people about votes and proposals after the change has committed: the recipients are looked
 * up, then the notifier is called once per person. Nothing is waited for — a notifier that fails or
 * hangs never fails or delays the change (its error is logged). `settled` lets tests wait.
 */
export class ConsultationNotifications {
  private pending: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly log: Log,
  ) {}

  toPeople(userIds: readonly Id[], message: ConsultationMessage): void {
    this.send({ userIds }, message)
  }

  /** The verified members of these households (a vote's roll). */
  toHouseholds(communityId: Id, homes: readonly HouseholdKey[], message: ConsultationMessage): void {
    this.send({ userIds: [], communityId, homes }, message)
  }

  /** Resolves when every notification started so far has been handed to the notifier. */
  settled(): Promise<void> {
    return this.pending.then(() => undefined)
  }

  private send(query: { userIds: readonly Id[]; communityId?: Id; homes?: readonly HouseholdKey[] }, message: ConsultationMessage): void {
    const consult = this.notifier.consult?.bind(this.notifier)
    if (!consult) return
    const run = (async () => {
      const recipients = await this.store.users.findRecipients(query)
      await Promise.all(
        recipients.map(({ id, openid }) =>
          consult({ ...message, recipient: { userId: id, ...(openid ? { openid } : {}) } }).catch((error: unknown) =>
            this.log.warn({ err: error, userId: id, kind: message.kind, subject: message.subject.id }, 'notify: the notifier failed (the change stands)'),
          ),
        ),
      )
    })().catch((error: unknown) => this.log.warn({ err: error, kind: message.kind }, 'notify: the recipients could not be found (the change stands)'))
    this.pending = this.pending.then(() => run)
  }
}
