/* setjmp/longjmp across frames, function pointer tables, and deep recursion (Ackermann, Fibonacci). */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

static jmp_buf s_env;
static int s_depth;

static void dive(int n)
{
    volatile char pad[64];
    pad[n % 64] = (char)n;
    s_depth++;
    if (n <= 0) {
        if (n == 0) {
            longjmp(s_env, 100 + pad[0]);
        }
        return; /* never taken; gives the recursion a visible exit */
    }
    dive(n - 1);
}

static unsigned long ackermann(unsigned long m, unsigned long n)
{
    if (m == 0) {
        return n + 1;
    }
    if (n == 0) {
        return ackermann(m - 1, 1);
    }
    return ackermann(m - 1, ackermann(m, n - 1));
}

static uint64_t fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int64_t op_add(int64_t a, int64_t b) { return a + b; }
static int64_t op_sub(int64_t a, int64_t b) { return a - b; }
static int64_t op_mul(int64_t a, int64_t b) { return a * b; }
static int64_t op_xor(int64_t a, int64_t b) { return a ^ b; }
static int64_t op_shl(int64_t a, int64_t b) { return (int64_t)((uint64_t)a << (b & 63)); }

static int64_t (*const s_ops[])(int64_t, int64_t) = { op_add, op_sub, op_mul, op_xor, op_shl };

int main(void)
{
    volatile int rounds = 0;
    int value = setjmp(s_env);
    printf("setjmp returned %d (round %d, depth %d)\n", value, rounds, s_depth);
    if (rounds < 3) {
        rounds++;
        dive(10 * rounds);
    }

    for (unsigned long m = 0; m <= 3; m++) {
        for (unsigned long n = 0; n <= 4; n++) {
            printf("A(%lu,%lu)=%lu\n", m, n, ackermann(m, n));
        }
    }
    printf("fib(27)=%llu\n", (unsigned long long)fib(27));

    int64_t x = 1;
    for (int i = 0; i < 200; i++) {
        x = s_ops[(i * 7 + (int)(x & 3)) % 5](x, i + 3);
    }
    printf("op chain %lld\n", (long long)x);
    return (int)((ackermann(2, 3) + (unsigned long)x) % 75);
}
