/*
 * The balances view: a realistic keyed view. Events are JSON objects such as {"account":"alice","amount":-25};
 * it keeps a balance and an event count per account. The query input is an account name; the answer is
 * {"account":"alice","balance":-25,"events":1}, or {"error":"..."} for a query that is not an account name.
 * Events without both fields are ignored (a view decides what
 * malformed input means; ignoring keeps one bad event from stopping the view).
 * Snapshot: one line per account, "name<TAB>balance<TAB>events\n".
 */
#include "../include/state_machine.h"

#define MAX_ACCOUNTS 4096 /* a power of two: open addressing with linear probing */
#define MAX_NAME 64

typedef struct { uint8_t used; uint8_t length; uint8_t name[MAX_NAME]; int64_t balance; uint64_t events; } account;

static account accounts[MAX_ACCOUNTS];
static uint32_t account_count = 0;

static uint32_t hash(const uint8_t *p, size_t n) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

static size_t text_length(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static int same(const uint8_t *a, const uint8_t *b, size_t n) {
    for (size_t i = 0; i < n; i++) if (a[i] != b[i]) return 0;
    return 1;
}

/* The account with this name, created when create is set; NULL if absent (or the table is full). */
static account *find(const uint8_t *name, size_t n, int create) {
    if (n == 0 || n > MAX_NAME) return 0;
    for (uint32_t i = hash(name, n) & (MAX_ACCOUNTS - 1), probes = 0; probes < MAX_ACCOUNTS; i = (i + 1) & (MAX_ACCOUNTS - 1), probes++) {
        account *a = &accounts[i];
        if (!a->used) {
            if (!create || account_count >= MAX_ACCOUNTS * 3 / 4) return 0;
            a->used = 1; a->length = (uint8_t)n; __builtin_memcpy(a->name, name, n);
            account_count++;
            return a;
        }
        if (a->length == n && same(a->name, name, n)) return a;
    }
    return 0;
}

/* Finds "key": in a flat JSON object and returns a pointer just after the colon, or NULL. */
static const uint8_t *field(const uint8_t *p, const uint8_t *end, const char *key) {
    size_t k = text_length(key);
    for (; p + k + 3 <= end; p++) {
        if (p[0] == '"' && same(p + 1, (const uint8_t *)key, k) && p[k + 1] == '"') {
            const uint8_t *q = p + k + 2;
            while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')) q++;
            if (q < end && *q == ':') {
                q++;
                while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')) q++;
                return q;
            }
        }
    }
    return 0;
}

static void apply_event(uint8_t *payload, size_t length) {
    const uint8_t *end = payload + length;
    const uint8_t *name = field(payload, end, "account");
    const uint8_t *amount = field(payload, end, "amount");
    if (!name || !amount || *name != '"') return;
    const uint8_t *name_end = ++name;
    while (name_end < end && *name_end != '"' && *name_end != '\\' && *name_end >= 0x20 && *name_end != '\t') name_end++;
    if (name_end >= end || *name_end != '"') return; /* escapes and control characters: not an account name we keep */
    int negative = 0;
    if (amount < end && *amount == '-') { negative = 1; amount++; }
    if (amount >= end || *amount < '0' || *amount > '9') return;
    int64_t value = 0;
    while (amount < end && *amount >= '0' && *amount <= '9' && value < 100000000000000000LL) value = value * 10 + (*amount++ - '0');
    account *a = find(name, (size_t)(name_end - name), 1);
    if (!a) return;
    a->balance += negative ? -value : value;
    a->events++;
}

void exports_primatomic_machine_machine_init(void) {
    __builtin_memset(accounts, 0, sizeof accounts);
    account_count = 0;
}

void exports_primatomic_machine_machine_append(state_machine_list_u8_t *event) { apply_event(event->ptr, event->len); }

static uint8_t *put(uint8_t *out, const char *text) { size_t n = text_length(text); __builtin_memcpy(out, text, n); return out + n; }

static uint8_t *put_i64(uint8_t *out, int64_t v) {
    uint8_t digits[24];
    uint64_t magnitude = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint8_t *start = state_machine_u64_digits(magnitude, digits + sizeof digits);
    if (v < 0) *out++ = '-';
    size_t n = (size_t)(digits + sizeof digits - start);
    __builtin_memcpy(out, start, n);
    return out + n;
}

static int is_name(const uint8_t *p, size_t n) {
    if (n == 0 || n > MAX_NAME) return 0;
    for (size_t i = 0; i < n; i++) if (p[i] == '"' || p[i] == '\\' || p[i] < 0x20) return 0;
    return 1;
}

void exports_primatomic_machine_machine_query(state_machine_list_u8_t *input, state_machine_list_u8_t *ret) {
    uint8_t *out = state_machine_alloc(2 * MAX_NAME + 96, 1), *w = out;
    if (!is_name(input->ptr, input->len)) {
        w = put(w, "{\"error\":\"the query is an account name of 1-64 bytes without quotes, backslashes or control characters\"}");
    } else {
        account *a = find(input->ptr, input->len, 0);
        w = put(w, "{\"account\":\"");
        __builtin_memcpy(w, input->ptr, input->len);
        w += input->len;
        w = put(w, "\",\"balance\":");
        w = put_i64(w, a ? a->balance : 0);
        w = put(w, ",\"events\":");
        w = put_i64(w, a ? (int64_t)a->events : 0);
        w = put(w, "}");
    }
    ret->ptr = out;
    ret->len = (size_t)(w - out);
}

void exports_primatomic_machine_machine_snapshot(state_machine_list_u8_t *ret) {
    uint8_t *out = state_machine_alloc((size_t)account_count * (2 * MAX_NAME + 48) + 1, 1), *w = out;
    for (uint32_t i = 0; i < MAX_ACCOUNTS; i++) {
        account *a = &accounts[i];
        if (!a->used) continue;
        __builtin_memcpy(w, a->name, a->length);
        w += a->length;
        *w++ = '\t'; w = put_i64(w, a->balance);
        *w++ = '\t'; w = put_i64(w, (int64_t)a->events);
        *w++ = '\n';
    }
    ret->ptr = out;
    ret->len = (size_t)(w - out);
}

static const uint8_t *parse_i64(const uint8_t *p, const uint8_t *end, int64_t *value) {
    int negative = p < end && *p == '-';
    if (negative) p++;
    if (p >= end || *p < '0' || *p > '9') return 0;
    int64_t v = 0;
    while (p < end && *p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
    *value = negative ? -v : v;
    return p;
}

void exports_primatomic_machine_machine_restore(state_machine_list_u8_t *snapshot) {
    __builtin_memset(accounts, 0, sizeof accounts);
    account_count = 0;
    const uint8_t *p = snapshot->ptr, *end = snapshot->ptr + snapshot->len;
    while (p < end) {
        const uint8_t *tab = p;
        while (tab < end && *tab != '\t') tab++;
        int64_t balance, events;
        const uint8_t *q = tab < end ? parse_i64(tab + 1, end, &balance) : 0;
        if (q && q < end && *q == '\t') q = parse_i64(q + 1, end, &events); else q = 0;
        account *a = q && q < end && *q == '\n' ? find(p, (size_t)(tab - p), 1) : 0;
        if (!a) __builtin_trap(); /* not a snapshot the balances view wrote */
        a->balance = balance;
        a->events = (uint64_t)events;
        p = q + 1;
    }
}
