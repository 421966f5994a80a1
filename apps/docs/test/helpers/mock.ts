import { type RunningServer, startMock } from '@solapi/devkit'

/**
 * The mock, once Prism answers behind it. devkit's startMock resolves on the first HTTP answer,
 * which the mock's JSON guard gives (502) before Prism is up; the mock prints a line when it is
 * ready, so wait for that too. (Reported for the devkit; drop this when startMock waits itself.)
 */
export async function startReadyMock(): Promise<RunningServer> {
  const mock = await startMock()
  try {
    await mock.process.waitForOutput(/\(Prism\) listening on/)
  } catch (error) {
    await mock.stop()
    throw error
  }
  return mock
}
