/* Loops whose loads and stores alternate between pages that a direct-mapped TLB of up to 4096 entries of
 * 4 KiB files in one slot (addresses 16 MiB apart), so a software TLB of that shape misses on every
 * access: a translator that leaves compiled code at each miss must still make progress and give the
 * right sums, for loads, for stores, and for an access that starts its loop. Each loop runs long enough
 * to be compiled. */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#define SPACING (16L << 20)
#define WORDS 1024

__attribute__((noinline)) static uint64_t sum_pairs(const uint32_t *a, const uint32_t *b, int rounds)
{
    uint64_t sum = 0;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < WORDS; i += 64) {
            sum += a[i] * 3u + b[i];
        }
    }
    return sum;
}

__attribute__((noinline)) static void copy_across(uint32_t *to, const uint32_t *from, int rounds)
{
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < WORDS; i++) {
            to[i] = from[i] + (uint32_t)r;
        }
    }
}

/* The load of *p opens the loop's block: its miss is the block's first instruction. */
__attribute__((noinline)) static uint64_t chase(uint64_t *const *p, long steps)
{
    uint64_t sum = 0;
    const uint64_t *at = *p;
    while (steps-- > 0) {
        sum += *at;
        at = (const uint64_t *)at[1];
    }
    return sum;
}

int main(void)
{
    char *area = mmap(NULL, 2 * SPACING + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) {
        perror("mmap");
        return 2;
    }

    uint32_t *first = (uint32_t *)area;
    uint32_t *second = (uint32_t *)(area + SPACING);
    for (int i = 0; i < WORDS; i++) {
        first[i] = (uint32_t)i * 2654435761u;
        second[i] = (uint32_t)i ^ 0x5a5a5a5au;
    }

    printf("loads: %llu\n", (unsigned long long)sum_pairs(first, second, 3000));
    copy_across(second, first, 200);
    printf("stores: %llu\n", (unsigned long long)sum_pairs(second, first, 1));

    /* Three nodes, one per slot-sharing page, linked in a ring. */
    uint64_t *nodes[3] = {(uint64_t *)(area + 256), (uint64_t *)(area + SPACING + 512), (uint64_t *)(area + 2 * SPACING + 768)};
    for (int n = 0; n < 3; n++) {
        nodes[n][0] = (uint64_t)(n + 1) * 1000003u;
        nodes[n][1] = (uint64_t)(uintptr_t)nodes[(n + 1) % 3];
    }
    printf("chase: %llu\n", (unsigned long long)chase(&nodes[0], 300000));
    return 0;
}
