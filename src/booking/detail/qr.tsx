import { Image } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'
import { checkInQrText } from '../../domain/booking/check-in'
import { spokenDigits } from '../../domain/booking/when'
import { BK } from '../texts'

/** A GIF data URL of the booking's QR code (`linli:checkin:<id>:<code>`), for staff to scan. */
export function qrDataUrl(bookingId: string, code: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(checkInQrText(bookingId, code))
  qr.make()
  return qr.createDataURL(8, 4)
}

/** The check-in QR code, drawn only when shown (this file lives in the booking subpackage, with its library). */
export function CheckInQr({ bookingId, code }: { bookingId: string; code: string }) {
  const src = useMemo(() => qrDataUrl(bookingId, code), [bookingId, code])
  return <Image className='bk-qr' src={src} mode='aspectFit' aria-label={BK.qrAlt(spokenDigits(code))} data-qr={checkInQrText(bookingId, code)} />
}
