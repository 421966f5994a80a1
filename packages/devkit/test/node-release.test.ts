import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { nodeRelease, nodeReleaseCacheDir, runProcess } from '../src/index.js'

describe('nodeRelease', () => {
  it('gives the newest Node 22 from the npm registry: its node, its headers, kept in ~/.cache', async () => {
    const release = await nodeRelease(22)
    expect(release.major).toBe(22)
    expect(release.version).toMatch(/^22\.\d+\.\d+$/)
    expect(release.node.startsWith(nodeReleaseCacheDir())).toBe(true)
    expect(existsSync(`${release.nodedir}/include/node/node.h`)).toBe(true)
    expect(release.env.npm_config_nodedir).toBe(release.nodedir)
    const onPath = await runProcess('node', ['--version'], { env: release.env })
    expect(onPath.stdout.trim()).toBe(`v${release.version}`)
    // A second call reuses the unpacked release.
    expect((await nodeRelease(22)).node).toBe(release.node)
  })
})
