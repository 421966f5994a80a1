import { nodeRelease, runProcess } from '@solapi/devkit'
import { expect, it } from 'vitest'
import { describeConsumerOn, sqliteWarnings } from './support/consumer-matrix.js'

// Node 24 needs nothing beside the packages: its install has no better-sqlite3. Its node_modules
// holds no native module, so run on Node 22 it is what a Node 22 user has who did not add
// better-sqlite3: node:sqlite, with Node's ExperimentalWarning and the sandbox's one hint.
describeConsumerOn(24, {
  extra: (context) => {
    const onNode22 = async (nodeArgs: string[]) => {
      const { installed } = context()
      const node22 = await nodeRelease(22)
      const result = await runProcess(node22.node, [...nodeArgs, 'start-sandbox.mjs'], {
        cwd: installed.dir,
        env: { ...node22.env, SANDBOXES: '2' },
        timeoutMs: 120_000,
      })
      expect(result.code, result.stderr).toBe(0)
      expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '')).toEqual({
        node: `v${node22.version}`,
        results: [true, true],
      })
      return result
    }

    it('run on Node 22 without better-sqlite3, it works on node:sqlite: Node warns, the sandbox names the fix, once each', async () => {
      const { stderr } = await onNode22([])
      expect(sqliteWarnings(stderr)).toEqual({
        node: [expect.stringMatching(/^\(node:\d+\) ExperimentalWarning: SQLite/)],
        sandbox: [
          expect.stringMatching(
            /^\(node:\d+\) \[SOLAPI_SANDBOX_SQLITE\] Warning: .*npm i -D better-sqlite3 silences it/,
          ),
        ],
      })
    })

    it('run on Node 22 with ExperimentalWarnings disabled, neither Node nor the sandbox warns', async () => {
      const { stderr } = await onNode22(['--disable-warning=ExperimentalWarning'])
      expect(stderr).toBe('')
    })
  },
})
