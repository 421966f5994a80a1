import { describe, expect, it } from 'vitest'
import { isLoopback, writeScope } from '../../../src/target/scope.js'

describe('isLoopback', () => {
  it.each([
    'http://127.0.0.1:4011',
    'http://127.1.2.3',
    'http://localhost:8080',
    'http://api.localhost',
    'http://[::1]:4011',
  ])('%s is loopback', (url) => {
    expect(isLoopback(new URL(url))).toBe(true)
  })

  it.each([
    'https://solapi.com',
    'http://10.0.0.1',
    'http://192.168.1.10:4011',
    'http://128.0.0.1',
    'http://localhost.example.com',
    'http://[::2]',
  ])('%s is not', (url) => {
    expect(isLoopback(new URL(url))).toBe(false)
  })
})

describe('writeScope', () => {
  const remote = new URL('https://api.example.com')
  const local = new URL('http://127.0.0.1:4011')
  const scope = (url: URL, readOnly: boolean, allowWrites: boolean) =>
    writeScope(url, { readOnly, allowWrites })

  it('writes against loopback, and says so', () => {
    expect(scope(local, false, false)).toEqual({
      writes: true,
      note: 'every check (loopback: writes allowed)',
    })
  })

  it('runs read-only against another host unless --allow-writes, and says so', () => {
    expect(scope(remote, false, false)).toEqual({
      writes: false,
      note: 'read-only: api.example.com is not loopback, so no write is sent (--allow-writes runs the write checks too)',
    })
    expect(scope(remote, false, true).writes).toBe(true)
    expect(scope(remote, false, true).note).toContain('--allow-writes')
  })

  it('--read-only wins everywhere', () => {
    expect(scope(local, true, false).writes).toBe(false)
    expect(scope(remote, true, false).note).toMatch(/^read-only \(--read-only\)/)
  })
})
