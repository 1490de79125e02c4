import { lazy, Suspense } from 'react'

// H5 (Taro picks this file over signed-in-part.ts for the H5 build): the signed-in part of 首页 is a
// chunk of its own, loaded when it is first drawn, so a signed-out first visit downloads neither it
// nor the components, times and rules it alone uses (ADR 40). Nothing is drawn while it loads: the
// data it shows is being fetched meanwhile.
const Part = lazy(() => import(/* webpackChunkName: "home-signed-in" */ './signed-in'))

export function SignedInHome() {
  return (
    <Suspense fallback={null}>
      <Part />
    </Suspense>
  )
}
