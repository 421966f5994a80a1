// @ts-check
// A throwaway PostgreSQL cluster for tests: Debian's PostgreSQL (installed with apt-get only if
// it is missing), `initdb` in a temporary folder and `pg_ctl` on a free port, run as the
// unprivileged `postgres` user when this process is root (PostgreSQL refuses to run as root),
// and removed afterwards. Local runs and `.ci/run` use this same code through the tests.
import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { aptInstall, canInstallPackages, isRoot } from './apt.js'
import { freePort } from './ports.js'
import { runOrThrow, runProcess } from './process.js'

const INSTALL_ROOT = '/usr/lib/postgresql'

/**
 * @typedef {object} RunningPostgres
 * @property {string} url `postgres://postgres@127.0.0.1:<port>/postgres`
 * @property {number} port
 * @property {string} dir the cluster's data folder
 * @property {() => Promise<void>} pause stops the server and keeps its data (to test an outage)
 * @property {() => Promise<void>} resume starts it again on the same port
 * @property {() => number[]} hang stops (SIGSTOP) the server and every backend, as a hung host
 *   does: connections stay open and nothing answers (to test timeouts); returns the pids
 * @property {() => void} unhang resumes (SIGCONT) what `hang` stopped
 * @property {() => Promise<void>} stop stops the server and removes the cluster
 */

/** The newest installed PostgreSQL's bin folder, or undefined. */
function installedBinDir() {
  if (!existsSync(INSTALL_ROOT)) return undefined
  const versions = readdirSync(INSTALL_ROOT)
    .filter((entry) => existsSync(join(INSTALL_ROOT, entry, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] === undefined ? undefined : join(INSTALL_ROOT, versions[0], 'bin')
}

/**
 * @param {string} command
 * @param {string[]} args
 */
const mustRun = (command, args) => runOrThrow(command, args, { timeoutMs: 600_000 })

/** Installs Debian's PostgreSQL when it is missing and this user may; throws saying how otherwise. */
export async function ensurePostgresInstalled() {
  const found = installedBinDir()
  if (found) return found
  if (!canInstallPackages()) {
    throw new Error(
      `PostgreSQL is not installed under ${INSTALL_ROOT}. Install it (Debian: apt-get install postgresql).`,
    )
  }
  await aptInstall(['postgresql'])
  const installed = installedBinDir()
  if (!installed) throw new Error('apt-get installed postgresql, but no initdb was found')
  return installed
}

/**
 * Runs a PostgreSQL tool as the owner of the cluster.
 * @param {string} binDir
 * @param {string} tool
 * @param {string[]} args
 */
function asOwner(binDir, tool, args) {
  const command = join(binDir, tool)
  return isRoot()
    ? mustRun('runuser', ['-u', 'postgres', '--', command, ...args])
    : mustRun(command, args)
}

/**
 * Starts a new, empty cluster on a free port of 127.0.0.1, trusting local connections. By
 * default it does not fsync (a throwaway cluster's durability to a power cut is not under test);
 * `durable: true` keeps PostgreSQL's defaults, for a benchmark that compares it with a store that
 * does fsync.
 * @param {{ durable?: boolean }} [options]
 * @returns {Promise<RunningPostgres>}
 */
export async function startPostgres(options = {}) {
  const binDir = await ensurePostgresInstalled()
  const dir = mkdtempSync(join(tmpdir(), 'pg-cluster-'))
  if (isRoot()) {
    const { uid, gid } = await postgresUser()
    chownSync(dir, uid, gid)
  }
  chmodSync(dir, 0o700)
  const port = await freePort()
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    ...(options.durable ? [] : ['-c fsync=off', '-c full_page_writes=off']),
    '-c max_connections=200',
  ].join(' ')
  const pgCtl = (/** @type {string[]} */ args) =>
    asOwner(binDir, 'pg_ctl', ['-D', dir, '-l', join(dir, 'server.log'), ...args])
  let running = false
  const start = async () => {
    await pgCtl(['-o', serverOptions, '-w', 'start'])
    running = true
  }
  const halt = async () => {
    if (!running) return
    await pgCtl(['-m', 'fast', '-w', 'stop'])
    running = false
  }
  /** @type {number[]} */
  let hung = []
  try {
    await asOwner(binDir, 'initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync'])
    await start()
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    pause: halt,
    resume: start,
    hang() {
      // The postmaster first, so that it forks no backend after the list is read.
      const postmaster = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n', 1)[0])
      process.kill(postmaster, 'SIGSTOP')
      hung = [postmaster, ...childrenOf(postmaster)]
      for (const pid of hung.slice(1)) process.kill(pid, 'SIGSTOP')
      return hung
    },
    unhang() {
      for (const pid of hung.slice().reverse()) process.kill(pid, 'SIGCONT')
      hung = []
    },
    async stop() {
      try {
        // A hung server cannot stop.
        for (const pid of hung) process.kill(pid, 'SIGCONT')
        hung = []
        await halt()
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

/**
 * A new, empty database on the server at `url` (a RunningPostgres's), so that a test or a
 * sandbox has one of its own. Resolves with its URL.
 * @param {string} url
 * @param {string} [name] lower-case letters, digits and `_`; default a random `t_<hex>`
 * @returns {Promise<string>}
 */
export async function createDatabase(url, name = `t_${randomBytes(6).toString('hex')}`) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`devkit: a database name is lower-case letters, digits and _; got ${name}`)
  }
  const binDir = await ensurePostgresInstalled()
  await mustRun(join(binDir, 'psql'), [
    url,
    '-v',
    'ON_ERROR_STOP=1',
    '-qc',
    `CREATE DATABASE ${name}`,
  ])
  const created = new URL(url)
  created.pathname = `/${name}`
  return created.toString()
}

/**
 * The pids whose parent is `pid` (Linux's /proc).
 * @param {number} pid
 * @returns {number[]}
 */
function childrenOf(pid) {
  /** @type {number[]} */
  const children = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // The command may hold spaces and parentheses: the fields after its last ')' are fixed.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (parent === pid) children.push(Number(entry))
    } catch {
      // It exited while the list was read.
    }
  }
  return children
}

/** @returns {Promise<{ uid: number, gid: number }>} */
async function postgresUser() {
  const uid = await runProcess('id', ['-u', 'postgres'])
  const gid = await runProcess('id', ['-g', 'postgres'])
  if (uid.code !== 0) throw new Error('There is no postgres user to run PostgreSQL as.')
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}
