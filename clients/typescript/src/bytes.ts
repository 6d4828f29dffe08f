// Base64 and text for events, with what both Node 18+ and browsers have (atob, btoa, TextEncoder): no Buffer.

const encoder = new TextEncoder();

/** Event data as bytes: strings are sent as UTF-8. */
export function toBytes(data: Uint8Array | ArrayBuffer | string): Uint8Array {
  if (typeof data === "string") {
    return encoder.encode(data);
  }
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

export async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export async function bytes(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

export async function nothing(response: Response): Promise<void> {
  await response.arrayBuffer();
}
