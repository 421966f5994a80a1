// Create a credential: POST /credentials/createCredential with @solapi/credentials-client, which signs
// every request (HMAC-SHA256, fresh date and salt) and throws a typed CredentialsError on failure.
import { createCredentialsClient } from '@solapi/credentials-client'

const client = createCredentialsClient({
  apiKey: process.env.SOLAPI_API_KEY ?? 'NCSOGH0TB3PDIGV1',
  apiSecret: process.env.SOLAPI_API_SECRET ?? 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B',
  baseUrl: process.env.SOLAPI_BASE_URL ?? 'http://127.0.0.1:4010',
})

const { apiKey } = await client.createCredential()
// The response holds the new apiSecret: store it now (a secrets manager), never log it.
console.log(`Created ${apiKey}; store its apiSecret now, it is not shown again.`)
