import { existsSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { type RunningPostgres, runProcess, startPostgres } from '../src/index.js'

let postgres: RunningPostgres | undefined
afterAll(() => postgres?.stop())

/** Runs SQL through psql against the cluster; resolves with the output or the error text. */
async function psql(url: string, sql: string) {
  const result = await runProcess('psql', [url, '-tAc', sql])
  return result.code === 0 ? result.stdout.trim() : `error: ${result.stderr.trim()}`
}

describe('startPostgres', () => {
  it('runs a throwaway cluster on a free port, survives a pause, and is removed on stop', async () => {
    postgres = await startPostgres()
    expect(postgres.url).toBe(`postgres://postgres@127.0.0.1:${postgres.port}/postgres`)
    expect(await psql(postgres.url, 'create table t (n int)')).toBe('CREATE TABLE')
    expect(await psql(postgres.url, 'insert into t values (7)')).toBe('INSERT 0 1')
    expect(await psql(postgres.url, 'select n from t')).toBe('7')

    await postgres.pause()
    expect(await psql(postgres.url, 'select 1')).toMatch(/^error: .*(refused|connect)/s)
    await postgres.resume()
    expect(await psql(postgres.url, 'select n from t')).toBe('7')

    const { dir } = postgres
    await postgres.stop()
    postgres = undefined
    expect(existsSync(dir)).toBe(false)
  })
})
