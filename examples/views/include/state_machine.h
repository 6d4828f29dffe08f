/*
 * Canonical-ABI glue for Primatomic's published WIT, world primatomic:machine/state-machine@0.0.1
 * (GET /wit/primatomic-machine.wit). It is what wit-bindgen's C generator would write for that world, by hand,
 * so that clang alone can build a view. Include it once and define the five functions it declares:
 *
 *   void exports_primatomic_machine_machine_init(void);
 *   void exports_primatomic_machine_machine_append(state_machine_list_u8_t *event);
 *   void exports_primatomic_machine_machine_query(state_machine_list_u8_t *input, state_machine_list_u8_t *ret);
 *   void exports_primatomic_machine_machine_snapshot(state_machine_list_u8_t *ret);
 *   void exports_primatomic_machine_machine_restore(state_machine_list_u8_t *snapshot);
 *
 * Memory: arguments and answers live in a scratch area that is reset after every call, so keep state in static
 * storage and build answers with state_machine_alloc.
 */
#ifndef STATE_MACHINE_H
#define STATE_MACHINE_H

#include <stddef.h>
#include <stdint.h>

typedef struct { uint8_t *ptr; size_t len; } state_machine_list_u8_t;

void exports_primatomic_machine_machine_init(void);
void exports_primatomic_machine_machine_append(state_machine_list_u8_t *event);
void exports_primatomic_machine_machine_query(state_machine_list_u8_t *input, state_machine_list_u8_t *ret);
void exports_primatomic_machine_machine_snapshot(state_machine_list_u8_t *ret);
void exports_primatomic_machine_machine_restore(state_machine_list_u8_t *snapshot);

extern unsigned char __heap_base;
static uintptr_t state_machine_bump = 0;

static inline void state_machine_reset(void) { state_machine_bump = (uintptr_t)&__heap_base; }

/* Scratch memory until the end of the current call; traps if memory cannot grow. */
static inline void *state_machine_alloc(size_t size, size_t align) {
    if (state_machine_bump == 0) state_machine_reset();
    uintptr_t p = (state_machine_bump + align - 1) & ~(uintptr_t)(align - 1);
    uintptr_t end = p + size;
    uintptr_t have = __builtin_wasm_memory_size(0) * 65536;
    if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535) / 65536) == (size_t)-1) __builtin_trap();
    state_machine_bump = end;
    return (void *)p;
}

#define STATE_MACHINE_EXPORT(name) __attribute__((export_name(name)))
#define STATE_MACHINE_IFACE "primatomic:machine/machine@0.0.1#"

STATE_MACHINE_EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    uint8_t *p = state_machine_alloc(new_size, align);
    if (old) __builtin_memcpy(p, old, old_size < new_size ? old_size : new_size);
    return p;
}

static state_machine_list_u8_t state_machine_ret;

STATE_MACHINE_EXPORT(STATE_MACHINE_IFACE "init")
void state_machine_export_init(void) { exports_primatomic_machine_machine_init(); state_machine_reset(); }

STATE_MACHINE_EXPORT(STATE_MACHINE_IFACE "append")
void state_machine_export_append(uint8_t *ptr, size_t len) {
    state_machine_list_u8_t event = { ptr, len };
    exports_primatomic_machine_machine_append(&event);
    state_machine_reset();
}

STATE_MACHINE_EXPORT(STATE_MACHINE_IFACE "query")
state_machine_list_u8_t *state_machine_export_query(uint8_t *ptr, size_t len) {
    state_machine_list_u8_t input = { ptr, len };
    state_machine_ret.ptr = 0; state_machine_ret.len = 0;
    exports_primatomic_machine_machine_query(&input, &state_machine_ret);
    return &state_machine_ret;
}

STATE_MACHINE_EXPORT("cabi_post_" STATE_MACHINE_IFACE "query")
void state_machine_post_query(void *ret) { (void)ret; state_machine_reset(); }

STATE_MACHINE_EXPORT(STATE_MACHINE_IFACE "snapshot")
state_machine_list_u8_t *state_machine_export_snapshot(void) {
    state_machine_ret.ptr = 0; state_machine_ret.len = 0;
    exports_primatomic_machine_machine_snapshot(&state_machine_ret);
    return &state_machine_ret;
}

STATE_MACHINE_EXPORT("cabi_post_" STATE_MACHINE_IFACE "snapshot")
void state_machine_post_snapshot(void *ret) { (void)ret; state_machine_reset(); }

STATE_MACHINE_EXPORT(STATE_MACHINE_IFACE "restore")
void state_machine_export_restore(uint8_t *ptr, size_t len) {
    state_machine_list_u8_t snapshot = { ptr, len };
    exports_primatomic_machine_machine_restore(&snapshot);
    state_machine_reset();
}

/* Writes the decimal digits of v ending just before end; returns where they start. */
static inline uint8_t *state_machine_u64_digits(uint64_t v, uint8_t *end) {
    do { *--end = (uint8_t)('0' + v % 10); v /= 10; } while (v);
    return end;
}

#endif
