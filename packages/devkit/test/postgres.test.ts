import { existsSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { createDatabase, type RunningPostgres, runProcess, startPostgres } from '../src/index.js'

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
    expect(await psql(postgres.url, 'show fsync')).toBe('off')

    await postgres.pause()
    expect(await psql(postgres.url, 'select 1')).toMatch(/^error: .*(refused|connect)/s)
    await postgres.resume()
    expect(await psql(postgres.url, 'select n from t')).toBe('7')

    // Databases of their own: a table in one is not in the other.
    const one = await createDatabase(postgres.url)
    const two = await createDatabase(postgres.url, 'second_db')
    expect(two).toBe(`postgres://postgres@127.0.0.1:${postgres.port}/second_db`)
    expect(one).toMatch(
      new RegExp(`^postgres://postgres@127\\.0\\.0\\.1:${postgres.port}/t_[0-9a-f]{12}$`),
    )
    expect(await psql(one, 'create table mine (n int)')).toBe('CREATE TABLE')
    expect(await psql(two, 'select count(*) from mine')).toMatch(/^error: .*"mine" does not exist/s)
    await expect(createDatabase(postgres.url, 'second_db')).rejects.toThrow(/already exists/)
    await expect(createDatabase(postgres.url, 'Bad-Name')).rejects.toThrow(
      'devkit: a database name is lower-case letters, digits and _; got Bad-Name',
    )

    const { dir } = postgres
    await postgres.stop()
    postgres = undefined
    expect(existsSync(dir)).toBe(false)
  })

  it('keeps the fsync of PostgreSQL when asked to be durable (for benchmarks)', async () => {
    postgres = await startPostgres({ durable: true })
    expect(await psql(postgres.url, 'show fsync')).toBe('on')
    expect(await psql(postgres.url, 'show full_page_writes')).toBe('on')
    await postgres.stop()
    postgres = undefined
  })
})
