/* Integer edge cases: 32-bit results kept sign-extended in 64-bit registers, unsigned wrap-around,
 * shifts by variable amounts, and the 64-bit view of 32-bit arithmetic (raw register via asm). */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t acc;

static void show(const char *name, uint64_t value)
{
    printf("%-28s %016" PRIx64 "\n", name, value);
    acc = acc * 31 + value;
}

/* Keeps the compiler from folding the arithmetic at build time. */
static volatile int32_t s_i32[] = { INT32_MIN, INT32_MAX, -1, 0, 1, 0x12345678, -0x789abc };
static volatile uint32_t s_u32[] = { 0, 1, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0xdeadbeefu };
static volatile int64_t s_i64[] = { INT64_MIN, INT64_MAX, -1, 0, 1, 0x123456789abcdefLL };
static volatile int s_shift[] = { 0, 1, 7, 31, 32, 33, 63 };

/* addu on full 64-bit registers: the hardware sign-extends bit 31 of the 32-bit sum. */
static uint64_t raw_addu(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("addu %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

static uint64_t raw_sll(uint64_t a)
{
    uint64_t r;
    __asm__("sll %0, %1, 0" : "=r"(r) : "r"(a));
    return r;
}

int main(void)
{
    char name[64];
    for (unsigned i = 0; i < sizeof s_u32 / sizeof s_u32[0]; i++) {
        for (unsigned j = 0; j < sizeof s_u32 / sizeof s_u32[0]; j++) {
            uint32_t a = s_u32[i], b = s_u32[j];
            snprintf(name, sizeof name, "u32 %u,%u add/sub/mul", i, j);
            show(name, (uint64_t)(a + b) ^ ((uint64_t)(a - b) << 1) ^ ((uint64_t)(a * b) << 3));
        }
    }
    for (unsigned i = 0; i < sizeof s_i32 / sizeof s_i32[0]; i++) {
        int32_t a = s_i32[i];
        snprintf(name, sizeof name, "i32 %u widen", i);
        show(name, (uint64_t)(int64_t)a);
        snprintf(name, sizeof name, "i32 %u as u32 widen", i);
        show(name, (uint64_t)(uint32_t)a);
        snprintf(name, sizeof name, "i32 %u neg-unsigned", i);
        show(name, (uint64_t)(0u - (uint32_t)a));
        snprintf(name, sizeof name, "i32 %u cmp", i);
        show(name, (uint64_t)((a < 0) | (a > 5) << 1 | ((uint32_t)a > 5u) << 2));
    }
    for (unsigned i = 0; i < sizeof s_i64 / sizeof s_i64[0]; i++) {
        for (unsigned k = 0; k < sizeof s_shift / sizeof s_shift[0]; k++) {
            int s = s_shift[k];
            int64_t v = s_i64[i];
            snprintf(name, sizeof name, "i64 %u shift %d", i, s);
            show(name, ((uint64_t)v << s) ^ ((uint64_t)v >> s) ^ (uint64_t)(v >> s));
            if (s < 32) {
                int32_t w = (int32_t)v;
                snprintf(name, sizeof name, "i32 %u shift %d", i, s);
                show(name, (uint64_t)(int64_t)(int32_t)((uint32_t)w << s) ^ (uint64_t)((uint32_t)w >> s)
                    ^ (uint64_t)(int64_t)(w >> s));
            }
        }
        snprintf(name, sizeof name, "i64 %u wrap add", i);
        show(name, (uint64_t)s_i64[i] + 0x8000000000000001ull);
        snprintf(name, sizeof name, "i64 %u mul", i);
        show(name, (uint64_t)s_i64[i] * 0x9e3779b97f4a7c15ull);
        snprintf(name, sizeof name, "i64 %u umulh", i);
        show(name, (uint64_t)(((unsigned __int128)(uint64_t)s_i64[i] * 0x9e3779b97f4a7c15ull) >> 64));
        snprintf(name, sizeof name, "i64 %u smulh", i);
        show(name, (uint64_t)(((__int128)s_i64[i] * -12345678901LL) >> 64));
        snprintf(name, sizeof name, "i64 %u clz/ctz/pop", i);
        uint64_t u = (uint64_t)s_i64[i];
        show(name, (uint64_t)(u ? __builtin_clzll(u) : 64) | (uint64_t)(u ? __builtin_ctzll(u) : 64) << 8
            | (uint64_t)__builtin_popcountll(u) << 16 | (uint64_t)__builtin_bswap64(u) << 24);
    }
    show("raw addu 7fffffff+1", raw_addu(0x7fffffffu, 1));
    show("raw addu hi bits ignored", raw_addu(0x123456780000000full, 0xabcdef0000000001ull));
    show("raw sll 0 of 0x80000000", raw_sll(0x80000000ull));
    show("raw sll 0 of 0x1_7fffffff", raw_sll(0x17fffffffull));
    printf("checksum %016" PRIx64 "\n", acc);
    return (int)(acc % 101);
}
