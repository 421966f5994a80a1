import { hostileSuite } from './support/suite.ts'
import { sandboxCredentialsApi } from './support/targets.ts'

hostileSuite(sandboxCredentialsApi)
