import { nodeRelease, runProcess } from '@solapi/devkit'
import { expect, it } from 'vitest'
import { describeConsumerOn } from './support/consumer-matrix.js'

// Node 24's install carries a better-sqlite3 built for Node 24. Run on Node 22, where the
// sandbox reaches for better-sqlite3 first, it is a node_modules built for another Node.
describeConsumerOn(24, (context) => {
  it('run on Node 22, its better-sqlite3 (built for 24) falls back to node:sqlite, said once', async () => {
    const { installed } = context()
    const node22 = await nodeRelease(22)
    const result = await runProcess(node22.node, ['start-sandbox.mjs'], {
      cwd: installed.dir,
      env: { ...node22.env, SANDBOXES: '2' },
      timeoutMs: 120_000,
    })
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '')).toEqual({
      node: `v${node22.version}`,
      results: [true, true],
    })
    const notices = result.stderr.split('\n').filter((line) => line.includes('NODE_MODULE_VERSION'))
    expect(notices).toEqual([
      expect.stringMatching(
        /^sandbox: better-sqlite3 was built for another Node\.js version .*using node:sqlite instead/,
      ),
    ])
  })
})
