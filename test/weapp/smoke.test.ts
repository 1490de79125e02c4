import { launchWeapp } from '../support/weapp-harness'
test('smoke', async () => {
  const app = await launchWeapp()
  const home = await app.openPage('pages/home/index')
  console.log(home.text())
  console.log(JSON.stringify(home.instance.data).slice(0, 2000))
})
