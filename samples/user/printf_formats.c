/* printf/snprintf format coverage: widths, precision, flags, lengths, and strtol/strtod parsing back. */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char buf[256];
    unsigned sum = 0;
    printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d] [%x] [%#X] [%o] [%#o]\n", 42, 42, 42, 42, 42, 42, 255, 255, 8, 8);
    printf("[%ld] [%lu] [%lld] [%llx] [%hd] [%hhu] [%zu] [%td]\n", LONG_MIN, ULONG_MAX, LLONG_MIN, ULLONG_MAX,
        (short)-12345, (unsigned char)300, sizeof(long double), (ptrdiff_t)-5);
    printf("[%" PRId32 "] [%" PRIu64 "] [%" PRIx16 "] [%" PRIi8 "]\n", INT32_MIN, UINT64_MAX, (uint16_t)0xbeef,
        (int8_t)-128);
    printf("[%s] [%10s] [%-10s] [%.3s] [%c] [%%] [%5c]\n", "hello", "right", "left", "truncate", 'Z', '!');
    printf("[%*d] [%-*d] [%.*f] [%*.*e]\n", 8, -77, 6, 3, 2, 3.14159, 14, 4, -0.000123456);
    printf("[%.0f] [%.1f] [%.2f] [%.0f] [%.0f] [%#.0f]\n", 0.5, 0.05, 1.005, 1.5, 2.5, 3.0);
    printf("[%g] [%g] [%g] [%G] [%#g] [%.3g]\n", 100000.0, 1000000.0, 0.0001, 1e-5, 1.0, 1234.5678);
    printf("[%a] [%A] [%.2a] [%La]\n", 1.0, -0.75, 3.14159, (long double)1.0 / 3);
    printf("[%Lf] [%Le] [%.30Lg]\n", (long double)2 / 3, (long double)1e300 * 1e10, (long double)1 / 7);
    for (int i = -3; i <= 3; i++) {
        int n = snprintf(buf, sizeof buf, "%+08.3f|%-8x|%8.3e|%i", i * 1.25, (unsigned)i, i * 1e7, i * i * i);
        printf("%2d: %s (%d)\n", i, buf, n);
        for (int k = 0; k < n; k++) {
            sum = sum * 31 + (unsigned char)buf[k];
        }
    }
    const char *volatile long_text = "overflowing text";
    int small = snprintf(buf, 8, "%s", long_text);
    printf("truncated '%s' wanted %d\n", buf, small);

    const char *numbers[] = { "12345", "-0x1F", "0777", "  +9223372036854775807", "99999999999999999999", "3.25e2",
        "-inf", "0x1.8p3", "1e-400", "abc" };
    for (unsigned i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        char *end;
        long long v = strtoll(numbers[i], &end, 0);
        unsigned long long u = strtoull(numbers[i], NULL, 10);
        double d = strtod(numbers[i], NULL);
        printf("'%s' -> %lld rest '%s' u=%llu d=%.17g\n", numbers[i], v, end, u, d);
        sum = sum * 31 + (unsigned)v;
    }
    printf("atoi %d atol %ld atof %g\n", atoi("-42xyz"), atol("123456789012"), atof("2.5e-3"));
    printf("checksum %08x\n", sum);
    return (int)(sum % 71);
}
