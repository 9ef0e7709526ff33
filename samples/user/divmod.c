/* Division and remainder, signed and unsigned, 32 and 64 bit, with negative operands. */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static volatile int32_t s_a32[] = { 7, -7, 100, -100, INT32_MAX, INT32_MIN, 0, 1, -1, 123456789 };
static volatile int32_t s_b32[] = { 1, -1, 2, -2, 3, -3, 7, 10, -10, 65536, INT32_MAX };
static volatile int64_t s_a64[] = { 7, -7, INT64_MAX, INT64_MIN, 1000000000000LL, -999999999999LL, 0 };
static volatile int64_t s_b64[] = { 1, -1, 3, -3, 10, 4294967296LL, -4294967297LL, INT64_MAX };

int main(void)
{
    uint64_t acc = 0;
    for (unsigned i = 0; i < sizeof s_a32 / sizeof s_a32[0]; i++) {
        for (unsigned j = 0; j < sizeof s_b32 / sizeof s_b32[0]; j++) {
            int32_t a = s_a32[i], b = s_b32[j];
            if (a == INT32_MIN && b == -1) {
                continue; /* undefined in C */
            }
            uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
            printf("%d/%d=%d %%=%d u:%u/%u=%u %%=%u\n", a, b, a / b, a % b, ua, ub, ua / ub, ua % ub);
            acc = acc * 131 + (uint64_t)(a / b) + (uint64_t)(ua % ub);
        }
    }
    for (unsigned i = 0; i < sizeof s_a64 / sizeof s_a64[0]; i++) {
        for (unsigned j = 0; j < sizeof s_b64 / sizeof s_b64[0]; j++) {
            int64_t a = s_a64[i], b = s_b64[j];
            if (a == INT64_MIN && b == -1) {
                continue;
            }
            uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
            printf("%" PRId64 "/%" PRId64 "=%" PRId64 " %%=%" PRId64 " u:%" PRIu64 " %" PRIu64 "\n",
                a, b, a / b, a % b, ua / ub, ua % ub);
            acc = acc * 131 + (uint64_t)(a % b) + ua / ub;
        }
    }
    div_t d = div(-17, 5);
    lldiv_t ld = lldiv(-17000000000LL, 7);
    printf("div(-17,5)=%d,%d lldiv=%lld,%lld\n", d.quot, d.rem, ld.quot, ld.rem);
    printf("checksum %016" PRIx64 "\n", acc);
    return (int)(acc % 97);
}
