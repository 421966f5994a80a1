import { describe, expect, it } from 'vitest'
import { describePostgresUrl, isPostgresUrl } from '../../src/storage/location.js'

describe('what a database setting names', () => {
  it('is PostgreSQL for a postgres:// or postgresql:// URL, and SQLite otherwise', () => {
    for (const url of ['postgres://h/db', 'postgresql://h/db', 'POSTGRES://h/db']) {
      expect(isPostgresUrl(url), url).toBe(true)
    }
    for (const other of [':memory:', 'sandbox.db', '/var/lib/postgres/x.db', 'postgres.db']) {
      expect(isPostgresUrl(other), other).toBe(false)
    }
  })

  it.each([
    [
      'postgres://sandbox:p%40ss/word@db.internal:6432/sandbox?sslmode=require&password=x',
      { location: 'postgres://sandbox@db.internal:6432/sandbox', where: 'db.internal:6432' },
    ],
    [
      'postgresql://db.internal/sandbox',
      { location: 'postgres://db.internal/sandbox', where: 'db.internal:5432' },
    ],
    ['postgres://u@[::1]:5433/x', { location: 'postgres://u@[::1]:5433/x', where: '[::1]:5433' }],
    ['postgres://u:secret@[::1]/x', { location: 'postgres://u@[::1]/x', where: '[::1]:5432' }],
    ['postgres://', { location: 'postgres://localhost', where: 'localhost:5432' }],
  ])('shows %s without its password or query string', (url, shown) => {
    expect(describePostgresUrl(url)).toEqual(shown)
  })
})
