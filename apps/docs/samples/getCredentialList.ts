// List credentials: POST /credentials/getCredentialList with @solapi/credentials-client, which signs
// every request (HMAC-SHA256, fresh date and salt) and throws a typed CredentialsError on failure.
import { createCredentialsClient } from '@solapi/credentials-client'

const client = createCredentialsClient({
  apiKey: process.env.SOLAPI_API_KEY ?? 'NCSOGH0TB3PDIGV1',
  apiSecret: process.env.SOLAPI_API_SECRET ?? 'UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B',
  baseUrl: process.env.SOLAPI_BASE_URL ?? 'http://127.0.0.1:4010',
})

const { credentials } = await client.getCredentialList()
// The response carries every apiSecret: print everything but those.
for (const [apiKey, credential] of Object.entries(credentials)) {
  console.log(apiKey, credential.credentialStatus, credential.dateCreated)
}
