/** Check-in codes: 6 digits, shown to the resident (and as a QR code), scanned or typed by staff. */

export const CODE_LENGTH = 6
const QR_PREFIX = 'linli:checkin:'

/** A code from 6 random digits (`random` answers [0, 1)). */
export function newCheckInCode(random: () => number): string {
  let code = ''
  for (let i = 0; i < CODE_LENGTH; i++) code += String(Math.min(9, Math.floor(random() * 10)))
  return code
}

/** The text of a booking's QR code. */
export function checkInQrText(bookingId: string, code: string): string {
  return `${QR_PREFIX}${bookingId}:${code}`
}

/**
 * What staff typed or scanned: 6 digits (spaces or dashes allowed between, full-width digits read as
 * digits), or a QR text naming the booking;
 * null when it is neither.
 */
export function parseCheckIn(text: unknown): { code: string; bookingId?: string } | null {
  if (typeof text !== 'string') return null
  // Chinese keyboards in full-width mode type １２３ and －: read them as the ASCII digits and dash.
  const trimmed = text.replace(/[\uff10-\uff19\uff0d]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim()
  if (trimmed.startsWith(QR_PREFIX)) {
    const rest = trimmed.slice(QR_PREFIX.length)
    const cut = rest.lastIndexOf(':')
    if (cut <= 0) return null
    const bookingId = rest.slice(0, cut)
    const code = rest.slice(cut + 1)
    return /^\d{6}$/.test(code) && bookingId.length <= 64 ? { code, bookingId } : null
  }
  const digits = trimmed.replace(/[\s-]/g, '')
  return /^\d{6}$/.test(digits) ? { code: digits } : null
}
