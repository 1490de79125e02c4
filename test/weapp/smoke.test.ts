import { launchWeapp, waitFor } from '../support/weapp-harness'
jest.setTimeout(60000)
test('smoke', async () => {
  const app = await launchWeapp()
  const me = await app.openPage('pages/me/index')
  me.comp.querySelector('.nut-switch')!.dispatchEvent('tap')
  await waitFor(() => app.storage.get('linli.ui.elder') === '1', 'elder')
  await new Promise(r => setTimeout(r, 500))
  console.log(JSON.stringify(me.instance.data.root.cn[0].cn[1].cn[1]).slice(0,300))
  me.comp.querySelector('.nut-switch')!.dispatchEvent('tap')
  await new Promise(r => setTimeout(r, 500))
  console.log(app.storage.get('linli.ui.elder'), me.instance.data.root.cn[0].cl)
  app.close()
})
