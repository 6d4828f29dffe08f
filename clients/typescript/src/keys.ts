/**
 * A fresh Idempotency-Key for one logical write: a random UUID (crypto.randomUUID where the platform has it; on
 * Node 18, whose global crypto is behind a flag, node:crypto's).
 */
export async function newIdempotencyKey(): Promise<string> {
  const webCrypto = globalThis.crypto as Crypto | undefined;
  if (typeof webCrypto?.randomUUID === "function") {
    return webCrypto.randomUUID();
  }
  if (typeof webCrypto?.getRandomValues === "function") {
    return uuidFrom(webCrypto.getRandomValues(new Uint8Array(16)));
  }
  const nodeCrypto = (await import(/* webpackIgnore: true */ "node:crypto" as string)) as { randomUUID(): string };
  return nodeCrypto.randomUUID();
}

function uuidFrom(random: Uint8Array): string {
  random[6] = (random[6]! & 0x0f) | 0x40; // version 4
  random[8] = (random[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
