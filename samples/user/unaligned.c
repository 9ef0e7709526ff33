/* Unaligned memory access through memcpy and packed structs (lwl/lwr, ldl/ldr, byte sequences). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct __attribute__((packed)) record {
    uint8_t tag;
    uint32_t word;
    uint16_t half;
    uint64_t dword;
    int32_t sword;
};

static uint8_t s_buffer[256];

static uint64_t load64(const uint8_t *p) { uint64_t v; memcpy(&v, p, sizeof v); return v; }
static uint32_t load32(const uint8_t *p) { uint32_t v; memcpy(&v, p, sizeof v); return v; }
static uint16_t load16(const uint8_t *p) { uint16_t v; memcpy(&v, p, sizeof v); return v; }
static void store64(uint8_t *p, uint64_t v) { memcpy(p, &v, sizeof v); }
static void store32(uint8_t *p, uint32_t v) { memcpy(p, &v, sizeof v); }

int main(void)
{
    uint64_t acc = 0;
    for (unsigned i = 0; i < sizeof s_buffer; i++) {
        s_buffer[i] = (uint8_t)(i * 37 + 11);
    }
    for (unsigned off = 0; off < 16; off++) {
        uint64_t v64 = load64(s_buffer + off);
        uint32_t v32 = load32(s_buffer + off);
        int32_t s32 = (int32_t)load32(s_buffer + off + 100);
        uint16_t v16 = load16(s_buffer + off);
        printf("off %2u: %016" PRIx64 " %08" PRIx32 " %04x %" PRId64 "\n", off, v64, v32, v16, (int64_t)s32);
        acc = acc * 3 + v64 + v32 + v16 + (uint64_t)(int64_t)s32;
    }
    for (unsigned off = 0; off < 16; off++) {
        store64(s_buffer + 128 + off, 0x0102030405060708ull * (off + 1));
        store32(s_buffer + 64 + off, 0xa1b2c3d4u ^ off);
    }
    for (unsigned i = 64; i < 160; i++) {
        acc = acc * 7 + s_buffer[i];
        printf("%02x%s", s_buffer[i], (i % 32 == 31) ? "\n" : "");
    }

    struct record records[5];
    memset(records, 0, sizeof records);
    for (int i = 0; i < 5; i++) {
        records[i].tag = (uint8_t)i;
        records[i].word = 0x89abcdefu + (uint32_t)i;
        records[i].half = (uint16_t)(0xfedc - i);
        records[i].dword = 0x1122334455667788ull << i;
        records[i].sword = -1000 * i - 1;
    }
    for (int i = 0; i < 5; i++) {
        struct record *r = &records[i];
        r->word += r->half;
        r->dword ^= (uint64_t)(int64_t)r->sword;
        printf("rec %d: %u %08x %04x %016" PRIx64 " %d\n", r->tag, r->tag, r->word, r->half, r->dword, r->sword);
        acc += r->word + r->dword + (uint64_t)r->sword;
    }
    printf("sizeof record %zu\n", sizeof(struct record));
    printf("checksum %016" PRIx64 "\n", acc);
    return (int)(acc % 89);
}
