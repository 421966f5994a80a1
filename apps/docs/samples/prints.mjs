// @ts-check
// What each operation's sample prints on success. The spec says what an operation answers, not
// what a sample should show of it, so this is the one hand-written table the templates read.
// No line ever shows an apiSecret: the responses that carry one print everything but that.

/**
 * @typedef {object} Print
 * @property {string} [message] one line; each `{field}` is that field of the response
 * @property {string[]} [fields] the response's fields on one line, separated by spaces
 * @property {string} [each] with `fields`: one line per entry of this map field, its key first
 * @property {string} [note] a comment above the printing code: why it prints what it prints
 */

const NEW_SECRET =
  'The response holds the new apiSecret: store it now (a secrets manager), never log it.'

/** @type {Record<string, Print>} */
export const PRINTS = {
  createCredential: {
    message: 'Created {apiKey}; store its apiSecret now, it is not shown again.',
    note: NEW_SECRET,
  },
  getCredentialInfo: {
    fields: ['apiKey', 'credentialStatus', 'dateCreated'],
    note: 'The response carries the apiSecret: print everything but that.',
  },
  regenerateSecretKey: {
    message: 'New secret for {apiKey}; the old one no longer signs requests.',
    note: NEW_SECRET,
  },
  getCredentialList: {
    each: 'credentials',
    fields: ['credentialStatus', 'dateCreated'],
    note: 'The response carries every apiSecret: print everything but those.',
  },
  updateCredentialStatus: { fields: ['apiKey', 'resultCode'] },
  deleteCredential: { fields: ['apiKey', 'resultCode'] },
}
