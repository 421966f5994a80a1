import pg from 'pg'

/** A connection of its own to a test database, to look at (or change) what a sandbox wrote. */
export async function connectTo(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return client
}

/** Runs one statement on a test database; resolves with its rows. */
export async function query(url: string, text: string, values: unknown[] = []) {
  const client = await connectTo(url)
  try {
    return (await client.query(text, values)).rows
  } finally {
    await client.end()
  }
}
