// Shows an event's bytes as text, pretty JSON or a hex dump. Events arrive base64-encoded.

export function bytesOf(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function asText(bytes) {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** Pretty-printed JSON, or the text with a note when the bytes are not JSON. */
export function asJson(bytes) {
  const text = asText(bytes);
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return `(not JSON) ${text}`;
  }
}

/** 16 bytes a line: offset, hex bytes, printable ASCII. */
export function asHex(bytes) {
  const lines = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = Array.from(row, b => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, b => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

export function render(bytes, format) {
  if (format === 'json') return asJson(bytes);
  if (format === 'hex') return asHex(bytes);
  return asText(bytes);
}

/** A <pre> holding the event shown in `format`. */
export function eventBlock(base64, format) {
  const pre = document.createElement('pre');
  pre.textContent = render(bytesOf(base64), format);
  return pre;
}
