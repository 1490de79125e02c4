// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { ServiceKind } from '../../../types/domain'
import { ServiceTile } from '../../components/service-tile'
import { KIND_LABEL, KIND_ORDER } from '../../domain/booking/when'
import { go, ROUTES } from '../../navigation'
import { useStores } from '../../stores/context'
import { BookingPauseBanner } from '../../ui/booking-entries'
import { Screen } from '../../ui/screen'
import { BK } from '../texts'
import '../resident.css'

/** The whole catalogue, by kind, each service with whether my household may book it. */
function ServicesPage() {
  const { params } = useRouter()
  const kind = params.kind as ServiceKind | undefined
  const { services, myBookings, session } = useStores()
  const signedIn = session.status === 'signed_in'
  useDidShow(() => {
    if (!signedIn) return
    void services.load()
    void myBookings.load()
  })
  useEffect(() => {
    if (signedIn) {
      void services.load()
      void myBookings.load()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn])
  usePullDownRefresh(async () => {
    await services.load()
    Taro.stopPullDownRefresh()
  })
  const kinds = KIND_ORDER.filter((k) => (!kind || k === kind) && services.services.some((s) => s.kind === k))
  return (
    <Screen requireSignIn className='bk-services'>
      <View className='muted bk-intro'>{BK.catalogueIntro}</View>
      <BookingPauseBanner />
      {services.error && (
        <View className='card field-error tap-target' aria-role='button' onClick={() => void services.load()}>
          {services.error}
          {BK.retry}
        </View>
      )}
      {!services.loaded && !services.error && <View className='muted bk-loading'>{BK.loading}</View>}
      {services.loaded && kinds.length === 0 && <View className='card muted'>{BK.noServices}</View>}
      {kinds.map((k) => (
        <View key={k} className='bk-kind' data-kind={k}>
          <View className='section-title'>{KIND_LABEL[k]}</View>
          <View className='bk-kind__tiles'>
            {services.services
              .filter((s) => s.kind === k)
              .map((s) => (
                <ServiceTile key={s.id} service={s} full onOpen={(id) => go(ROUTES.service(id))} />
              ))}
          </View>
        </View>
      ))}
    </Screen>
  )
}

export default observer(ServicesPage)
