/* __atomic and __sync builtins (LL/SC loops on MIPS) on 32- and 64-bit words, plus a spin lock. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static int32_t s_i32;
static int64_t s_i64;
static uint8_t s_u8;
static uint16_t s_u16;
static int s_lock;

int main(void)
{
    uint64_t acc = 0;
    for (int i = 0; i < 1000; i++) {
        int32_t old32 = __atomic_fetch_add(&s_i32, i * 3 - 700, __ATOMIC_SEQ_CST);
        int64_t old64 = __atomic_fetch_sub(&s_i64, (int64_t)i << 33, __ATOMIC_ACQ_REL);
        __atomic_fetch_xor(&s_i64, 0x5555555555555555LL, __ATOMIC_RELAXED);
        __atomic_fetch_or(&s_i32, 1 << (i % 31), __ATOMIC_RELAXED);
        __atomic_fetch_and(&s_i32, ~(1 << ((i + 7) % 31)), __ATOMIC_RELAXED);
        __sync_fetch_and_add(&s_u8, 7);
        __sync_fetch_and_add(&s_u16, 1001);
        acc = acc * 5 + (uint64_t)old32 + (uint64_t)old64;
    }
    printf("after loop: %d %" PRId64 " %u %u\n", s_i32, s_i64, s_u8, s_u16);

    int32_t expected = s_i32;
    int ok = __atomic_compare_exchange_n(&s_i32, &expected, 42, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    int32_t wrong = 7;
    int fail = __atomic_compare_exchange_n(&s_i32, &wrong, 43, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("cas ok=%d value=%d, cas fail=%d observed=%d\n", ok, s_i32, fail, wrong);

    int64_t prev = __sync_val_compare_and_swap(&s_i64, s_i64, -1);
    int swapped = __sync_bool_compare_and_swap(&s_i64, -1, 0x7fffffff00000000LL);
    int64_t exch = __atomic_exchange_n(&s_i64, 12345, __ATOMIC_SEQ_CST);
    printf("val_cas prev=%" PRId64 " bool_cas=%d exchange=%" PRId64 " now=%" PRId64 "\n", prev, swapped, exch,
        __atomic_load_n(&s_i64, __ATOMIC_ACQUIRE));

    for (int i = 0; i < 100; i++) {
        while (__sync_lock_test_and_set(&s_lock, 1)) {
        }
        s_i32 += i;
        __sync_lock_release(&s_lock);
    }
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    __sync_synchronize();
    printf("lock total=%d add_fetch=%d sub_fetch=%" PRId64 "\n", s_i32, __atomic_add_fetch(&s_i32, 1, __ATOMIC_SEQ_CST),
        __atomic_sub_fetch(&s_i64, 345, __ATOMIC_SEQ_CST));
    acc = acc * 5 + (uint64_t)s_i32 + (uint64_t)s_i64;
    printf("checksum %016" PRIx64 "\n", acc);
    return (int)(acc % 79);
}
