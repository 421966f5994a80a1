// Native addons (better-sqlite3) fall back to node-gyp when no prebuilt binary can be
// downloaded, and node-gyp then downloads Node's headers. On machines with no internet the
// headers that ship beside the Node binary must be used instead; pnpm passes only a fixed set
// of environment variables to install scripts, so the hint is given here.
const { existsSync } = require('node:fs')
const { dirname, join } = require('node:path')

const nodePrefix = dirname(dirname(process.execPath))
const hasLocalHeaders = existsSync(join(nodePrefix, 'include', 'node', 'node_version.h'))

module.exports = {
  hooks: {
    updateConfig(config) {
      if (hasLocalHeaders) {
        config.extraEnv = { ...config.extraEnv, npm_config_nodedir: nodePrefix }
      }
      return config
    },
  },
}
