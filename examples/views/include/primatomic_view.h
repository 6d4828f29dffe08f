/*
 * primatomic_view.h: everything a freestanding C view needs to implement world primatomic:machine/machine
 * (functions/Views/wit/machine.wit) by hand, without wit-bindgen or libc.
 *
 * Build with: clang --target=wasm32-unknown-unknown -O2 -nostdlib -mbulk-memory -Wl,--no-entry ...
 * then `jco embed --wit machine.wit --world machine` and `jco new` (see counter/build.sh).
 *
 * The view exports apply/query/snapshot/restore with the canonical ABI's core signatures:
 *   apply(ptr, len) -> ret*, query(ptr, len) -> ret*, snapshot() -> ret*, restore(ptr, len) -> ret*
 * where every string is UTF-8 whose code points are bytes (U+0000..U+00FF); see pv_decode_bytes.
 */
#ifndef PRIMATOMIC_VIEW_H
#define PRIMATOMIC_VIEW_H

#include <stddef.h>
#include <stdint.h>

#define PV_EXPORT(name) __attribute__((export_name(name)))

/* ---- memory: a bump allocator, reset after every call (the host copies results out before post-return) ---- */

extern unsigned char __heap_base;
static uintptr_t pv_bump = 0;

static inline void pv_reset(void) { pv_bump = (uintptr_t)&__heap_base; }

static inline void *pv_alloc(size_t size, size_t align) {
    if (pv_bump == 0) pv_reset();
    uintptr_t p = (pv_bump + align - 1) & ~(uintptr_t)(align - 1);
    uintptr_t end = p + size;
    uintptr_t have = __builtin_wasm_memory_size(0) * 65536u;
    if (end > have) {
        /* Growth beyond the host's memory limit fails; trapping here fails the view with a clear sequence. */
        if (__builtin_wasm_memory_grow(0, (end - have + 65535u) / 65536u) == (size_t)-1) __builtin_trap();
    }
    pv_bump = end;
    return (void *)p;
}

PV_EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    if (old && new_size <= old_size) return old;
    void *p = pv_alloc(new_size, align);
    if (old) __builtin_memcpy(p, old, old_size);
    return p;
}

/* ---- results: the canonical ABI returns these through a pointer to a return area ---- */

typedef struct { uint8_t is_err; const uint8_t *ptr; size_t len; } pv_result; /* result<string?, string> */
typedef struct { const uint8_t *ptr; size_t len; } pv_string;

static pv_result pv_ret_result;
static pv_string pv_ret_string;

static inline size_t pv_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static inline pv_result *pv_ok(const uint8_t *ptr, size_t len) {
    pv_ret_result.is_err = 0; pv_ret_result.ptr = ptr; pv_ret_result.len = len;
    return &pv_ret_result;
}

/* message must be static: it is read after the call returns. ASCII keeps it valid as a byte string. */
static inline pv_result *pv_err(const char *message) {
    pv_ret_result.is_err = 1; pv_ret_result.ptr = (const uint8_t *)message; pv_ret_result.len = pv_strlen(message);
    return &pv_ret_result;
}

static inline pv_string *pv_bytes(const uint8_t *ptr, size_t len) {
    pv_ret_string.ptr = ptr; pv_ret_string.len = len;
    return &pv_ret_string;
}

/* ---- events: the apply batch is a sequence of frames (header bytes are all < 0x80) ---- */

typedef struct {
    uint64_t sequence;
    uint8_t *payload;   /* as the host sent it: see `encoded` */
    size_t length;
    int encoded;        /* 1 if the payload had bytes >= 0x80: call pv_decode_bytes before reading it */
} pv_event;

static inline uint64_t pv_groups(const uint8_t *p, int n) {
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) v = (v << 7) | p[i];
    return v;
}

/* Reads the next event at *cursor; returns 0 at the end of the batch. */
static inline int pv_next_event(uint8_t **cursor, const uint8_t *end, pv_event *out) {
    uint8_t *p = *cursor;
    if (p + 16 > end) return 0;
    out->sequence = pv_groups(p, 10);
    out->encoded = p[10];
    out->length = (size_t)pv_groups(p + 11, 5);
    out->payload = p + 16;
    *cursor = p + 16 + out->length;
    return 1;
}

/* Turns a byte string back into its bytes in place (each 0xC2/0xC3 pair becomes one byte); returns the new length. */
static inline size_t pv_decode_bytes(uint8_t *p, size_t n) {
    size_t w = 0;
    for (size_t r = 0; r < n; r++) {
        uint8_t b = p[r];
        if (b >= 0x80 && r + 1 < n) { p[w++] = (uint8_t)(((b & 0x03) << 6) | (p[r + 1] & 0x3F)); r++; }
        else p[w++] = b;
    }
    return w;
}

/* Writes bytes as a byte string's UTF-8 form (out needs 2 * n bytes); returns the length written. */
static inline size_t pv_encode_bytes(const uint8_t *in, size_t n, uint8_t *out) {
    size_t w = 0;
    for (size_t r = 0; r < n; r++) {
        uint8_t b = in[r];
        if (b < 0x80) out[w++] = b;
        else { out[w++] = (uint8_t)(0xC0 | (b >> 6)); out[w++] = (uint8_t)(0x80 | (b & 0x3F)); }
    }
    return w;
}

/* Writes the decimal digits of v ending at end; returns the first digit. */
static inline uint8_t *pv_u64_digits(uint64_t v, uint8_t *end) {
    do { *--end = (uint8_t)('0' + v % 10); v /= 10; } while (v);
    return end;
}

#endif
