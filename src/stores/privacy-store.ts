import { makeAutoObservable } from 'mobx'
import * as platform from '../platform/privacy'
import type { PrivacyPurpose, PrivacyRequest } from '../platform/privacy'

/** What the store needs of WeChat's privacy authorization (src/platform/privacy.ts; a fake in tests). */
export interface PrivacyPort {
  onPrivacyRequest(show: (request: PrivacyRequest) => void): boolean
  privacySetting(): Promise<{ needAuthorization: boolean; contractName: string }>
  openPrivacyContract(): Promise<boolean>
}

const weChat: PrivacyPort = {
  onPrivacyRequest: platform.onPrivacyRequest,
  privacySetting: platform.privacySetting,
  openPrivacyContract: platform.openPrivacyContract,
}

/**
 * The app's privacy dialog (WeChat's 隐私保护指引 authorization): open while WeChat waits for the
 * person's answer before a privacy API (a map to pick on, photos). Every screen draws it when
 * `open` (src/ui/privacy-dialog.tsx); one answer settles every request waiting, as WeChat's consent
 * covers them all. On H5 nothing ever asks, and the dialog never opens.
 */
export class PrivacyStore {
  /** The requests WeChat is waiting on, oldest first. */
  private waiting: PrivacyRequest[] = []
  /** What the person was about to do (the first request that says), for the dialog's words. */
  purpose: PrivacyPurpose | null = null
  /** The guide's name as WeChat knows it (getPrivacySetting), once read. */
  contractName = ''
  private listening = false
  private readingName = false

  constructor(private readonly port: PrivacyPort = weChat) {
    makeAutoObservable<PrivacyStore, 'port' | 'listening' | 'readingName'>(this, { port: false, listening: false, readingName: false }, { autoBind: true })
  }

  get open(): boolean {
    return this.waiting.length > 0
  }

  /** Listen for WeChat's requests (once, at launch). False where there is no such flow (H5). */
  listen(): boolean {
    if (this.listening) return true
    this.listening = this.port.onPrivacyRequest((request) => this.ask(request))
    return this.listening
  }

  /** WeChat waits for an answer: open the dialog (or join the one open). */
  ask(request: PrivacyRequest): void {
    this.waiting.push(request)
    if (!this.purpose) this.purpose = request.purpose
    request.shown()
    if (!this.contractName && !this.readingName) void this.readContractName()
  }

  /** The person tapped 同意 (WeChat recorded it on the button `buttonId`): every waiting API goes on. */
  agree(buttonId: string): void {
    this.settle({ agreed: true, buttonId })
  }

  /** The person tapped 拒绝: every waiting API fails, and the screens offer what works without. */
  refuse(): void {
    this.settle({ agreed: false })
  }

  /** WeChat's own page of the full guide; false where it cannot open (the app's page is the way then). */
  openContract(): Promise<boolean> {
    return this.port.openPrivacyContract()
  }

  private settle(answer: Parameters<PrivacyRequest['answer']>[0]): void {
    const waiting = this.waiting
    this.waiting = []
    this.purpose = null
    for (const request of waiting) request.answer(answer)
  }

  private async readContractName(): Promise<void> {
    this.readingName = true
    try {
      const { contractName } = await this.port.privacySetting()
      if (contractName) this.setContractName(contractName)
    } finally {
      this.readingName = false
    }
  }

  private setContractName(name: string): void {
    this.contractName = name
  }
}
