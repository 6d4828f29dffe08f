// The counter view in JavaScript, the same as ../counter/counter.c: counts events; query answers {"count":N}
// whatever its input; the snapshot is N in decimal. componentize-js maps the WIT's exported interface `machine` to
// this exported object, list<u8> to Uint8Array. Build: ../build-view counter.js (or ./build.sh).
//
// The component has no WASI (every feature is disabled): console.log prints nothing, Date.now() does not advance,
// timers trap, fetch fails. A thrown exception traps the call, which is how restore refuses a snapshot that is not
// a count.

// BigInt wrapped to 64 bits: the C counter's uint64_t, exactly (a Number would round above 2^53).
let count = 0n;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const machine = {
  init() {
    count = 0n;
  },

  append(_event) {
    count = BigInt.asUintN(64, count + 1n);
  },

  query(_input) {
    return encoder.encode(`{"count":${count}}`);
  },

  snapshot() {
    return encoder.encode(count.toString());
  },

  restore(snapshot) {
    const text = decoder.decode(snapshot);
    // Digits only, as counter.c (which also reads an empty snapshot as 0 and keeps the low 64 bits of a longer one).
    if (!/^[0-9]*$/.test(text)) {
      throw new Error('not a counter snapshot');
    }
    count = BigInt.asUintN(64, BigInt(text === '' ? '0' : text));
  },
};
