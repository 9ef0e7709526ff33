/* malloc/realloc/free churn with a content checksum (addresses are never printed). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 512

static uint64_t s_state = 0x2545f4914f6cdd1dull;

static uint64_t next(void)
{
    s_state ^= s_state << 13;
    s_state ^= s_state >> 7;
    s_state ^= s_state << 17;
    return s_state;
}

int main(void)
{
    unsigned char *slots[SLOTS] = { 0 };
    size_t sizes[SLOTS] = { 0 };
    uint64_t acc = 0;
    for (int round = 0; round < 20000; round++) {
        unsigned i = (unsigned)(next() % SLOTS);
        uint64_t r = next();
        if (slots[i] && (r & 3) == 0) {
            for (size_t k = 0; k < sizes[i]; k++) {
                acc = acc * 1099511628211ull + slots[i][k];
            }
            free(slots[i]);
            slots[i] = NULL;
        } else if (slots[i] && (r & 3) == 1) {
            size_t size = (size_t)(r >> 8) % 3000 + 1;
            slots[i] = realloc(slots[i], size);
            if (size > sizes[i]) {
                memset(slots[i] + sizes[i], (int)(r >> 40), size - sizes[i]);
            }
            sizes[i] = size;
        } else if (!slots[i]) {
            size_t size = (r >> 8) % 5 == 0 ? (size_t)(r >> 16) % 200000 + 1 : (size_t)(r >> 16) % 512 + 1;
            slots[i] = (r & 4) ? calloc(1, size) : malloc(size);
            if (!slots[i]) {
                return 2;
            }
            /* Every byte is written: reading uninitialised heap would make the output malloc-dependent. */
            if (!(r & 4)) {
                memset(slots[i], (int)r, size);
            }
            for (size_t k = 0; k < size; k += 97) {
                slots[i][k] = (unsigned char)(k ^ r);
            }
            sizes[i] = size;
        }
    }
    size_t live = 0, bytes = 0;
    for (unsigned i = 0; i < SLOTS; i++) {
        if (slots[i]) {
            for (size_t k = 0; k < sizes[i]; k += 13) {
                acc = acc * 1099511628211ull + slots[i][k];
            }
            live++;
            bytes += sizes[i];
            free(slots[i]);
        }
    }
    printf("live %zu bytes %zu checksum %016" PRIx64 "\n", live, bytes, acc);
    return (int)(acc % 73);
}
