// Redocly plugin with the house rules that the built-in rules cannot express.
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** The operationId of every operation equals the last segment of its path. */
function operationIdMatchesPath() {
  return {
    Paths: {
      enter(paths, { report, location, resolve }) {
        for (const [path, rawItem] of Object.entries(paths)) {
          const item = resolve(rawItem).node ?? {}
          const tail = path.split('/').filter(Boolean).at(-1)
          for (const method of METHODS) {
            const operation = item[method]
            if (!operation) continue
            if (operation.operationId !== tail) {
              report({
                message: `operationId "${operation.operationId}" of ${method.toUpperCase()} ${path} must equal the path's last segment "${tail}".`,
                location: location.child([path]),
              })
            }
          }
        }
      },
    },
  }
}

export default function solapiRulesPlugin() {
  return {
    id: 'solapi',
    rules: {
      oas3: {
        'operation-id-matches-path': operationIdMatchesPath,
      },
    },
  }
}
