/* FPU arithmetic and conversions: float/double ops, int<->float, rounding functions, printf %f/%e/%g/%a,
 * and the bit patterns of special values (MIPS legacy NaN encoding). */
#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static volatile double s_d[] = { 0.0, -0.0, 1.0, -1.5, 2.5, 3.5, -2.5, 0.1, 1e300, -1e-300, 123456789.987654321,
    4503599627370497.0, 9007199254740993.0, 2147483647.5, -2147483648.7, 1.0 / 3.0 };
static volatile float s_f[] = { 0.0f, 1.0f, -1.5f, 0.1f, 3.4e38f, 1e-40f, 16777217.0f, -7.25f };
static volatile int64_t s_i[] = { 0, 1, -1, 9007199254740993LL, INT64_MIN, INT64_MAX, 16777217, -123456789 };

static uint64_t acc;

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, sizeof u); return u; }

int main(void)
{
    for (unsigned i = 0; i < sizeof s_d / sizeof s_d[0]; i++) {
        double x = s_d[i];
        double y = s_d[(i + 5) % (sizeof s_d / sizeof s_d[0])];
        printf("x=%.17g y=%.17g\n", x, y);
        printf("  + %a - %a * %a / %a\n", x + y, x - y, x * y, y != 0 ? x / y : 0.0);
        printf("  sqrt %a fma %a fabs %a neg %a\n", sqrt(fabs(x)), fma(x, y, 1.0), fabs(x), -x);
        printf("  floor %g ceil %g trunc %g round %g rint %g nearbyint %g\n",
            floor(x), ceil(x), trunc(x), round(x), rint(x), nearbyint(x));
        printf("  %%f %f %%e %e %%g %g %%.3f %.3f %%10.2e %10.2e\n", x, x, x, x, x);
        printf("  float %a (float) %.9g\n", (double)(float)x, (double)(float)x);
        if (fabs(x) < 9e18) {
            printf("  (int64) %" PRId64 " llrint %lld lround %ld\n", (int64_t)x, llrint(x), lround(x));
        }
        if (fabs(x) < 2e9) {
            printf("  (int32) %d (uint32 of abs) %u\n", (int32_t)x, (uint32_t)fabs(x));
        }
        if (x >= 0 && x < 1.8e19) {
            printf("  (uint64) %" PRIu64 "\n", (uint64_t)x);
        }
        acc = acc * 33 + bits(x * y + x);
    }
    for (unsigned i = 0; i < sizeof s_f / sizeof s_f[0]; i++) {
        float f = s_f[i];
        float g = s_f[(i + 3) % (sizeof s_f / sizeof s_f[0])];
        printf("f=%a g=%a sum %a prod %a div %a sqrtf %a %08" PRIx32 "\n", (double)f, (double)g, (double)(f + g),
            (double)(f * g), (double)(g != 0 ? f / g : 0.0f), (double)sqrtf(fabsf(f)), fbits(f * g));
        acc = acc * 33 + fbits(f - g);
    }
    for (unsigned i = 0; i < sizeof s_i / sizeof s_i[0]; i++) {
        int64_t v = s_i[i];
        printf("i=%" PRId64 " double %a float %a u64double %a i32float %a\n", v, (double)v, (double)(float)v,
            (double)(uint64_t)v, (double)(float)(int32_t)v);
        acc = acc * 33 + bits((double)v);
    }
    volatile double zero = 0.0;
    double inf = 1.0 / zero;
    double nan = zero / zero;
    printf("inf %f %016" PRIx64 " -inf %f nan-bits %016" PRIx64 " isnan %d\n", inf, bits(inf), -inf, bits(nan),
        isnan(nan));
    printf("nan compare %d %d %d\n", nan == nan, nan < 1.0, nan != nan);
    printf("denormal %a %a\n", 4.9406564584124654e-324, 2.2250738585072014e-308 / 3);

    /* Rounding modes change rint and conversions through the FCSR. */
    const int modes[] = { FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD };
    for (unsigned m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double a = 2.5, b = -2.5, c = 1.0, d = 3.0;
        printf("mode %u: rint %g %g div %a lrint %ld\n", m, rint(a), rint(b), c / d, lrint(b));
        acc = acc * 33 + bits(c / d);
    }
    fesetround(FE_TONEAREST);

    double sum = 0;
    for (int k = 1; k <= 20000; k++) {
        sum += sin(k * 0.001) * cos(k * 0.002) / k + exp(-k * 1e-4) + log(k);
    }
    printf("series %.15e pow %.17g atan2 %.17g\n", sum, pow(1.0001, 12345.0), atan2(-1.0, -3.0));
    acc = acc * 33 + bits(sum);
    printf("checksum %016" PRIx64 "\n", acc);
    return (int)(acc % 83);
}
