// Delete a credential: POST /credentials/deleteCredential with @solapi/credentials-client, which signs
// every request (HMAC-SHA256, fresh date and salt) and throws a typed CredentialsError on failure.
import { createCredentialsClient } from '@solapi/credentials-client'

const client = createCredentialsClient({
  apiKey: process.env.SOLAPI_API_KEY ?? 'NCSOGH0TB3PDIGV1',
  apiSecret: process.env.SOLAPI_API_SECRET ?? 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B',
  baseUrl: process.env.SOLAPI_BASE_URL ?? 'http://127.0.0.1:4010',
})

const result = await client.deleteCredential('NCSOGH0TB3PDIGV1')
console.log(result.apiKey, result.resultCode)
