// @ts-check
// @solapi/devkit (private): the one place that runs processes and servers for the repo's tests,
// benches and `pnpm start`, and reads an Authorization header in a test.
export { parseAuthorizationHeader } from './authorization.js'
export { randomControlToken, randomCredential } from './credentials.js'
export { statusesAcrossIdle } from './keep-alive.js'
export { nodeRelease, nodeReleaseCacheDir } from './node-release.js'
export {
  installedVersions,
  installPacked,
  packCacheDir,
  packContentHash,
  packedFiles,
  packWorkspacePackage,
} from './packages.js'
export { assertPortFree, freePort, PortInUseError, portFromEnv } from './ports.js'
export { createDatabase, startPostgres } from './postgres.js'
export {
  descendantPids,
  groupAlive,
  isAlive,
  runProcess,
  startProcess,
  stopAllProcesses,
} from './process.js'
export { startRoundRobin } from './round-robin.js'
export {
  runningWhenReady,
  runtimeBinary,
  runtimeCommand,
  startDocs,
  startMock,
  startPrism,
  startSandboxProcess,
} from './servers.js'
export { acceptsConnections, waitForPort } from './wait.js'
export {
  repoRoot,
  startWorkspaceScript,
  workspacePackageDir,
  workspacePackageDirs,
} from './workspace.js'

/** @typedef {import('./process.js').ProcessHandle} ProcessHandle */
/** @typedef {import('./process.js').StartOptions} StartOptions */
/** @typedef {import('./servers.js').RunningServer} RunningServer */
/** @typedef {import('./servers.js').RunningSandbox} RunningSandbox */
/** @typedef {import('./packages.js').Installed} Installed */
/** @typedef {import('./node-release.js').NodeRelease} NodeRelease */
/** @typedef {import('./postgres.js').RunningPostgres} RunningPostgres */
/** @typedef {import('./round-robin.js').RoundRobin} RoundRobin */
