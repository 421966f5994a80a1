import { afterAll, describe, expect, it } from 'vitest'
import {
  descendantPids,
  groupAlive,
  isAlive,
  runProcess,
  startProcess,
  stopAllProcesses,
} from '../src/index.js'

afterAll(() => stopAllProcesses())

describe('startProcess', () => {
  it('stops the whole process group, grandchildren included', async () => {
    const shell = startProcess('sh', ['-c', 'sleep 300 & sleep 300 & echo started; wait'])
    await shell.waitForOutput(/started/)
    const members = await descendantPids(shell.pid)
    expect(members.length).toBeGreaterThanOrEqual(2)
    await shell.stop()
    expect(groupAlive(shell.pid)).toBe(false)
    expect(members.filter(isAlive)).toEqual([])
    expect(await shell.exited).toEqual({ code: null, signal: 'SIGTERM' })
  })

  it('kills what ignores SIGTERM once the grace time is over', async () => {
    const stubborn = startProcess('sh', [
      '-c',
      "trap '' TERM; echo ready; while :; do sleep 1; done",
    ])
    await stubborn.waitForOutput(/ready/)
    const started = Date.now()
    await stubborn.stop({ graceMs: 200 })
    expect(Date.now() - started).toBeLessThan(5000)
    expect(groupAlive(stubborn.pid)).toBe(false)
  })

  it('gives each line to onLine and keeps both streams apart', async () => {
    const lines: string[] = []
    const child = startProcess('sh', ['-c', 'echo out1; echo err1 >&2; printf out2'], {
      onLine: (line, stream) => lines.push(`${stream}:${line}`),
    })
    expect(await child.exited).toEqual({ code: 0, signal: null })
    expect(child.stdout()).toBe('out1\nout2')
    expect(child.stderr()).toBe('err1\n')
    expect(lines.sort()).toEqual(['stderr:err1', 'stdout:out1', 'stdout:out2'])
  })

  it('refuses to wait for output from a process that exited, showing what it printed', async () => {
    const child = startProcess('sh', ['-c', 'echo "no such thing" >&2; exit 3'], { label: 'dud' })
    await expect(child.waitForOutput(/listening/)).rejects.toThrow(
      /dud exited before printing \/listening\/:\nno such thing/,
    )
    expect((await child.exited).code).toBe(3)
  })

  it('gives up waiting for output after the timeout', async () => {
    const child = startProcess('sleep', ['300'])
    await expect(child.waitForOutput(/never/, { timeoutMs: 100 })).rejects.toThrow(
      /printed no \/never\/ in 100 ms/,
    )
    await child.stop()
  })

  it('passes the environment, and removes a variable set to undefined', async () => {
    process.env.DEVKIT_INHERITED = 'yes'
    const child = startProcess('sh', ['-c', 'echo "[$DEVKIT_ADDED][$DEVKIT_INHERITED]"'], {
      env: { DEVKIT_ADDED: 'added', DEVKIT_INHERITED: undefined },
    })
    await child.exited
    expect(child.stdout()).toBe('[added][]\n')
    delete process.env.DEVKIT_INHERITED
  })
})

describe('runProcess', () => {
  it('resolves with the exit code and output of a failing command', async () => {
    const result = await runProcess('sh', ['-c', 'echo partial; echo broken >&2; exit 7'])
    expect(result).toMatchObject({ code: 7, stdout: 'partial\n', stderr: 'broken\n' })
  })

  it('feeds input and stops a command that runs too long', async () => {
    expect((await runProcess('cat', [], { input: 'piped' })).stdout).toBe('piped')
    const slow = await runProcess('sleep', ['300'], { timeoutMs: 100 })
    expect(slow.timedOut).toBe(true)
  })
})
