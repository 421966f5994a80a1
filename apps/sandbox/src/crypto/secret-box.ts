// apiSecret at rest: AES-256-GCM (Web Crypto) with a random 96-bit IV per write and the apiKey as
// additional data, so a ciphertext copied onto another row does not decrypt.
const IV_BYTES = 12
const encoder = new TextEncoder()
const decoder = new TextDecoder()

export class SecretBox {
  private constructor(private readonly key: CryptoKey) {}

  static async fromRawKey(raw: Uint8Array): Promise<SecretBox> {
    if (raw.byteLength !== 32) throw new Error('The master key must be 32 bytes (AES-256).')
    const key = await crypto.subtle.importKey(
      'raw',
      new Uint8Array(raw),
      { name: 'AES-GCM' },
      false,
      ['encrypt', 'decrypt'],
    )
    return new SecretBox(key)
  }

  async seal(plaintext: string, context: string): Promise<Uint8Array> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
      this.key,
      encoder.encode(plaintext),
    )
    const out = new Uint8Array(IV_BYTES + sealed.byteLength)
    out.set(iv, 0)
    out.set(new Uint8Array(sealed), IV_BYTES)
    return out
  }

  async open(box: Uint8Array, context: string): Promise<string> {
    const bytes = new Uint8Array(box)
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: encoder.encode(context) },
      this.key,
      bytes.subarray(IV_BYTES),
    )
    return decoder.decode(plain)
  }
}
