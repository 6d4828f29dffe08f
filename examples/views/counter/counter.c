/* The counter view: counts events; query answers {"count":N}; the snapshot is N in decimal. */
#include "../include/primatomic_view.h"

static uint64_t count = 0;

PV_EXPORT("apply")
pv_result *apply(uint8_t *batch, size_t len) {
    uint8_t *cursor = batch;
    pv_event event;
    while (pv_next_event(&cursor, batch + len, &event)) count++;
    pv_reset();
    return pv_ok(0, 0);
}

PV_EXPORT("query")
pv_result *query(uint8_t *input, size_t len) {
    (void)input; (void)len;
    static const char prefix[] = "{\"count\":";
    uint8_t *out = pv_alloc(32, 1);
    uint8_t *digits = pv_u64_digits(count, out + 31);
    uint8_t *start = digits - (sizeof prefix - 1);
    __builtin_memcpy(start, prefix, sizeof prefix - 1);
    out[31] = '}';
    return pv_ok(start, (size_t)(out + 32 - start));
}

PV_EXPORT("cabi_post_query")
void post_query(void *ret) { (void)ret; pv_reset(); }

PV_EXPORT("snapshot")
pv_string *snapshot(void) {
    uint8_t *out = pv_alloc(20, 1);
    uint8_t *digits = pv_u64_digits(count, out + 20);
    return pv_bytes(digits, (size_t)(out + 20 - digits));
}

PV_EXPORT("cabi_post_snapshot")
void post_snapshot(void *ret) { (void)ret; pv_reset(); }

PV_EXPORT("restore")
pv_result *restore(uint8_t *state, size_t len) {
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (state[i] < '0' || state[i] > '9') { pv_reset(); return pv_err("snapshot is not a decimal count"); }
        v = v * 10 + (uint64_t)(state[i] - '0');
    }
    count = v;
    pv_reset();
    return pv_ok(0, 0);
}
