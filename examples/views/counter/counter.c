/* The counter view: counts events; query answers {"count":N}, as Primatomic's counter does; the snapshot is N in decimal. */
#include "../include/state_machine.h"

static uint64_t count = 0;

void exports_primatomic_machine_machine_init(void) { count = 0; }

void exports_primatomic_machine_machine_append(state_machine_list_u8_t *event) { (void)event; count++; }

void exports_primatomic_machine_machine_query(state_machine_list_u8_t *input, state_machine_list_u8_t *ret) {
    (void)input;
    static const char prefix[] = "{\"count\":";
    uint8_t *out = state_machine_alloc(32, 1);
    uint8_t *start = state_machine_u64_digits(count, out + 31) - (sizeof prefix - 1);
    __builtin_memcpy(start, prefix, sizeof prefix - 1);
    out[31] = '}';
    ret->ptr = start;
    ret->len = (size_t)(out + 32 - start);
}

void exports_primatomic_machine_machine_snapshot(state_machine_list_u8_t *ret) {
    uint8_t *out = state_machine_alloc(20, 1);
    ret->ptr = state_machine_u64_digits(count, out + 20);
    ret->len = (size_t)(out + 20 - ret->ptr);
}

void exports_primatomic_machine_machine_restore(state_machine_list_u8_t *snapshot) {
    uint64_t v = 0;
    for (size_t i = 0; i < snapshot->len; i++) {
        if (snapshot->ptr[i] < '0' || snapshot->ptr[i] > '9') __builtin_trap(); /* not a snapshot of ours */
        v = v * 10 + (uint64_t)(snapshot->ptr[i] - '0');
    }
    count = v;
}
