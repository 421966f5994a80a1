// Every command of the CLI: the ones generated from the spec's operations (src/generated/), then
// `login` and `rotate`, which combine operations. Their options and help texts live here.
import type { CommandSpec, FieldRule } from './command-spec.js'
import { parseDuration } from './duration.js'
import { UsageError } from './errors.js'
import { API_KEY_RULE, SPEC_COMMANDS } from './generated/commands.js'

export interface OptionDef {
  name: string
  type: 'string' | 'boolean'
  short?: string
  /** The value's placeholder in the help: `--profile <name>`. */
  value?: string
  help: string
  rule?: FieldRule
  check?: (value: string) => void
}

export interface ArgDef {
  name: string
  help: string
  rule?: FieldRule
}

export interface CommandDef {
  name: string
  kind: 'operation' | 'login' | 'rotate'
  summary: string
  description: string
  args: ArgDef[]
  options: OptionDef[]
  examples: string[]
  /** The generated spec of an operation command. */
  spec?: CommandSpec
}

const checkUrl = (option: string) => (value: string) => {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UsageError(option, 'must be an absolute http(s) URL such as http://127.0.0.1:4011')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(option, `must be an http or https URL, got ${url.protocol}`)
  }
}

const checkPositiveInteger = (option: string) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(option, `must be a whole number of milliseconds above 0, got "${value}"`)
  }
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: OptionDef[] = [
  {
    name: 'profile',
    type: 'string',
    value: 'name',
    help: 'sign with this profile of the credentials file (default: SOLAPI_PROFILE, then the SOLAPI_API_KEY/SOLAPI_API_SECRET variables, then "default")',
  },
  {
    name: 'base-url',
    type: 'string',
    value: 'url',
    help: "the server (default: SOLAPI_BASE_URL, the profile's baseUrl, then https://solapi.com)",
    check: checkUrl('--base-url'),
  },
  {
    name: 'json',
    type: 'boolean',
    help: 'print one JSON document (see the README, "JSON output")',
  },
  {
    name: 'show-secret',
    type: 'boolean',
    help: 'print apiSecret values instead of masking them (stdout only, never stderr)',
  },
  {
    name: 'timeout',
    type: 'string',
    value: 'ms',
    help: 'limit of each attempt, in milliseconds (default 30000)',
    check: checkPositiveInteger('--timeout'),
  },
  { name: 'help', type: 'boolean', short: 'h', help: 'show this help' },
]

const YES: OptionDef = {
  name: 'yes',
  type: 'boolean',
  short: 'y',
  help: 'do it without asking (needed when not on a terminal)',
}
const ALLOW_SELF: OptionDef = {
  name: 'allow-self',
  type: 'boolean',
  help: 'allow acting on the key this command signs with',
}
const DRY_RUN: OptionDef = {
  name: 'dry-run',
  type: 'boolean',
  help: 'print the request that would be sent (signature redacted) and send nothing',
}

function operationCommand(spec: CommandSpec): CommandDef {
  const options: OptionDef[] = spec.filters.map((filter) => ({
    name: filter.option,
    type: 'string' as const,
    value: filter.enum?.join('|') ?? 'value',
    help: `only the credentials whose ${filter.field} is this. ${filter.description}`,
    rule: filter,
  }))
  if (spec.confirm) options.push(YES)
  if (spec.guardsSelf) options.push(ALLOW_SELF)
  options.push(DRY_RUN, ...GLOBAL_OPTIONS)
  return {
    name: spec.name,
    kind: 'operation',
    summary: spec.summary,
    description: spec.description,
    args: spec.args.map((rule) => ({ name: rule.name, help: rule.description, rule })),
    options,
    examples: spec.examples,
    spec,
  }
}

const login: CommandDef = {
  name: 'login',
  kind: 'login',
  summary: 'Save a credential as a profile',
  description:
    'Stores an apiKey and its apiSecret as a named profile of the credentials file\n' +
    '($XDG_CONFIG_HOME/solapi/credentials.json, or ~/.config/solapi/credentials.json), written\n' +
    'with mode 0600. The secret is read from stdin, or asked for on a terminal without echo:\n' +
    'never from the command line. The credential is checked with one signed request first.',
  args: [],
  options: [
    {
      name: 'api-key',
      type: 'string',
      value: 'key',
      help: 'the apiKey (asked for on a terminal when absent)',
      rule: API_KEY_RULE,
    },
    { name: 'no-verify', type: 'boolean', help: 'save without the signed check' },
    ...GLOBAL_OPTIONS,
  ],
  examples: [
    'login --profile sandbox --api-key NCSOGH0TB3PDIGV1 --base-url http://127.0.0.1:4011',
    'login --api-key NCSOGH0TB3PDIGV1 < secret.txt',
  ],
}

const rotate: CommandDef = {
  name: 'rotate',
  kind: 'rotate',
  summary: 'Replace a key by a new one without downtime',
  description:
    'Creates a new key, proves that it signs (a signed call with it), hands it over (--print,\n' +
    '--write-file or --exec), deactivates the old key, then deletes it after --delete-after\n' +
    '(or prints the command that will). Every step is recorded in a state file, so an\n' +
    'interrupted rotation is finished with --resume (running the same command again does the\n' +
    'same) or undone with --rollback (re-activates the old key, deletes the new one).\n' +
    'A createCredential whose answer was lost is never sent again blindly: the keys are listed\n' +
    'and compared with the list taken before it.',
  args: [{ name: 'apiKey', help: 'The key to replace.', rule: API_KEY_RULE }],
  options: [
    {
      name: 'print',
      type: 'boolean',
      help: 'hand over by printing the new SOLAPI_API_KEY and SOLAPI_API_SECRET on stdout',
    },
    {
      name: 'write-file',
      type: 'string',
      value: 'path',
      help: 'hand over by writing SOLAPI_API_KEY=/SOLAPI_API_SECRET= lines to a file (mode 0600)',
    },
    {
      name: 'exec',
      type: 'string',
      value: 'command',
      help: 'hand over by running a shell command with the new key in SOLAPI_API_KEY and SOLAPI_API_SECRET; go on only if it exits 0',
    },
    {
      name: 'delete-after',
      type: 'string',
      value: 'duration',
      help: 'delete the old key this long after deactivating it (0, 90s, 10m, 2h, 1d); without it, print the delete command',
      check: (value) => void parseDuration('--delete-after', value),
    },
    { name: 'resume', type: 'boolean', help: 'finish the rotation recorded in the state file' },
    { name: 'rollback', type: 'boolean', help: 'undo it: re-activate the old key, delete the new' },
    {
      name: 'state-file',
      type: 'string',
      value: 'path',
      help: 'where the steps are recorded (default $XDG_STATE_HOME/solapi/rotations/<apiKey>.json, or ~/.local/state/...)',
    },
    ...GLOBAL_OPTIONS,
  ],
  examples: [
    'rotate NCSOGH0TB3PDIGV1 --write-file ./new-key.env --delete-after 1d',
    "rotate NCSOGH0TB3PDIGV1 --exec './deploy-secret.sh' --delete-after 0",
    'rotate NCSOGH0TB3PDIGV1 --resume',
    'rotate NCSOGH0TB3PDIGV1 --rollback',
  ],
}

export const COMMANDS: readonly CommandDef[] = [
  ...SPEC_COMMANDS.map(operationCommand),
  login,
  rotate,
]

export const commandNamed = (name: string): CommandDef | undefined =>
  COMMANDS.find((c) => c.name === name)
