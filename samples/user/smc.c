/* Self-modifying code: write "li v0,N; jr ra; nop" into an RWX mapping, call it, rewrite the constant,
 * call again. A translator must notice the write and drop its stale translation. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*thunk)(void);

static void emit(uint32_t *code, int value)
{
    code[0] = 0x24020000u | ((uint32_t)value & 0xffffu); /* addiu v0, zero, value */
    code[1] = 0x03e00008u;                               /* jr ra */
    code[2] = 0x00000000u;                               /* nop (delay slot) */
    __builtin___clear_cache((char *)code, (char *)(code + 3));
}

int main(void)
{
    uint32_t *code = mmap(NULL, 65536, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    int total = 0;
    for (int round = 0; round < 5; round++) {
        int value = 1000 + round * 111;
        emit(code, value);
        int got = ((thunk)code)();
        printf("round %d: wrote %d, called %d\n", round, value, got);
        total += got == value;
        /* A second entry point in the same page, rewritten between calls of the first. */
        emit(code + 64, -value);
        printf("round %d: second thunk %d, first again %d\n", round, ((thunk)(code + 64))(), ((thunk)code)());
    }

    /* A static buffer made executable with mprotect. */
    static uint32_t page[16384 / 4] __attribute__((aligned(16384)));
    if (mprotect(page, sizeof page, PROT_READ | PROT_WRITE | PROT_EXEC) != 0) {
        perror("mprotect");
        return 3;
    }
    emit(page, 7);
    int first = ((thunk)page)();
    emit(page, 8);
    int second = ((thunk)page)();
    printf("static buffer: %d then %d\n", first, second);
    total += (first == 7) + (second == 8);
    /* The mapping replaced under translated code: MAP_FIXED gives a fresh page, and the translation of
     * what the old page held must not survive it. */
    emit(code, 4242);
    int before = ((thunk)code)();
    if (mmap(code, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != code) {
        perror("mmap MAP_FIXED");
        return 4;
    }
    emit(code, 4343);
    int after = ((thunk)code)();
    printf("remapped: %d then %d\n", before, after);
    total += (before == 4242) + (after == 4343);
    munmap(code, 65536);
    printf("correct %d of 9\n", total);
    return total;
}
