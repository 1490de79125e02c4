import { Text, View } from '@tarojs/components'
import type { Service } from '../../../types/domain'
import { KIND_LABEL, openingSummary } from '../../domain/booking/when'
import './index.css'

export interface ServiceTileProps {
  service: Service
  onOpen: (id: string) => void
  /** The catalogue: also where, and why my household may not book it. */
  full?: boolean
}

/** A service in the 办事 grid and the catalogue: its name, when it is open, and whether my household may book it. */
export function ServiceTile({ service: s, onOpen, full = false }: ServiceTileProps) {
  const eligible = s.myEligibility?.eligible !== false
  return (
    <View className={`service-tile tap-target service-tile--${s.kind}${eligible ? '' : ' service-tile--closed'}${full ? ' service-tile--full' : ''}`} data-id={s.id} aria-role='button' onClick={() => onOpen(s.id)}>
      <Text className='service-tile__name'>{s.name}</Text>
      <Text className='service-tile__line'>{`${openingSummary(s)} · ${eligible ? '剩余名额可查' : '需符合条件'}`}</Text>
      {full && <Text className='service-tile__kind'>{KIND_LABEL[s.kind]}</Text>}
      {full && !eligible && s.myEligibility?.reason && <Text className='service-tile__reason'>{s.myEligibility.reason}</Text>}
    </View>
  )
}
