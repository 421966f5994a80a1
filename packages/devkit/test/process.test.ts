import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
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

  it('keeps the last mebibyte of each stream, however much the process prints', async () => {
    // 3 MiB and more, in many chunks: a server logging a line per request prints as much.
    const script =
      'let n = 0, size = 0; while (size < 3 * 1024 * 1024) { const l = "line " + n++ + "\\n"; size += l.length; process.stdout.write(l) } process.stdout.write("end\\n")'
    const child = startProcess(process.execPath, ['-e', script])
    await child.waitForOutput(/^end$/m)
    expect(await child.exited).toEqual({ code: 0, signal: null })
    let printed = ''
    for (let n = 0, size = 0; size < 3 * 1024 * 1024; n++) {
      const line = `line ${n}\n`
      size += line.length
      printed += line
    }
    printed += 'end\n'
    const lastMebibyte = printed.slice(-1024 * 1024)
    expect(child.stdout()).toBe(lastMebibyte)
    expect(child.stderr()).toBe('')
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

/**
 * A Node process that starts `sleep` through the devkit, as a test file starts a server, and
 * sends the group's pid over IPC.
 */
async function ownerOfASleep(): Promise<{ owner: ChildProcess; group: number }> {
  const entry = new URL('../src/index.js', import.meta.url).href
  const script = `const { startProcess } = await import(${JSON.stringify(entry)})
process.send(startProcess('sleep', ['300']).pid)
setInterval(() => {}, 1000)`
  const owner = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const [group] = (await once(owner, 'message')) as [number]
  return { owner, group }
}

/** Whether the group is gone within 5 s; it is killed either way, so a failure leaves nothing. */
async function gone(pgid: number): Promise<boolean> {
  const deadline = Date.now() + 5000
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(25)
  const wasGone = !groupAlive(pgid)
  if (!wasGone) process.kill(-pgid, 'SIGKILL')
  return wasGone
}

describe('a process that owns groups and is stopped', () => {
  it('takes them down when it is sent SIGTERM', async () => {
    const { owner, group } = await ownerOfASleep()
    expect(groupAlive(group)).toBe(true)
    owner.kill('SIGTERM')
    const [code, signal] = await once(owner, 'exit')
    // The signal still ends it as it would have without the devkit's listener.
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' })
    expect(await gone(group)).toBe(true)
  })

  it('takes them down when it is killed outright (SIGKILL: no listener of its own runs)', async () => {
    const { owner, group } = await ownerOfASleep()
    expect(groupAlive(group)).toBe(true)
    owner.kill('SIGKILL')
    await once(owner, 'exit')
    expect(await gone(group)).toBe(true)
  })

  it('takes them down when its parent goes (a vitest worker whose run is stopped)', async () => {
    const { owner, group } = await ownerOfASleep()
    expect(groupAlive(group)).toBe(true)
    owner.disconnect()
    expect(await gone(group)).toBe(true)
    owner.kill('SIGKILL')
  })
})
