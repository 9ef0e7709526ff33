/* qsort on integers, strings and structs, bsearch, and the common string.h functions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

struct person {
    char name[16];
    int age;
};

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int cmp_person(const void *a, const void *b)
{
    const struct person *p = a, *q = b;
    return p->age != q->age ? p->age - q->age : strcmp(p->name, q->name);
}

int main(void)
{
    int numbers[2000];
    uint32_t seed = 12345;
    for (int i = 0; i < 2000; i++) {
        seed = seed * 1103515245u + 12345u;
        numbers[i] = (int)(seed >> 8) % 100000 - 50000;
    }
    qsort(numbers, 2000, sizeof numbers[0], cmp_int);
    unsigned sum = 0;
    for (int i = 0; i < 2000; i += 100) {
        printf("%d ", numbers[i]);
    }
    printf("\n");
    for (int i = 0; i < 2000; i++) {
        sum = sum * 33 + (unsigned)numbers[i];
    }
    int key = numbers[777];
    int *found = bsearch(&key, numbers, 2000, sizeof numbers[0], cmp_int);
    printf("bsearch %d found=%d\n", key, found && *found == key);

    char *words[] = { "pear", "apple", "fig", "banana", "cherry", "apricot", "date", "Zebra", "zebra", "" };
    size_t nwords = sizeof words / sizeof words[0];
    qsort(words, nwords, sizeof words[0], cmp_str);
    for (size_t i = 0; i < nwords; i++) {
        printf("[%s]", words[i]);
    }
    printf("\n");

    struct person people[] = { { "dora", 30 }, { "al", 25 }, { "cy", 30 }, { "bo", 25 }, { "ed", 19 } };
    qsort(people, 5, sizeof people[0], cmp_person);
    for (int i = 0; i < 5; i++) {
        printf("%s:%d ", people[i].name, people[i].age);
    }
    printf("\n");

    char text[200] = "The quick brown fox jumps over the lazy dog";
    char copy[200];
    strcpy(copy, text);
    strcat(copy, " -- again");
    printf("len %zu %zu cmp %d ncmp %d casecmp %d\n", strlen(text), strlen(copy), strcmp(text, copy),
        strncmp(text, copy, 10), strcasecmp("HeLLo", "hello"));
    printf("chr '%s' rchr '%s' str '%s' spn %zu cspn %zu\n", strchr(text, 'q'), strrchr(text, 'o'),
        strstr(text, "fox"), strspn(text, "ehT "), strcspn(text, "xyz"));
    char *save, *token;
    int count = 0;
    for (token = strtok_r(copy, " -", &save); token; token = strtok_r(NULL, " -", &save)) {
        count++;
        sum = sum * 33 + (unsigned)strlen(token);
    }
    printf("tokens %d\n", count);
    for (char *p = text; *p; p++) {
        *p = (char)(isalpha((unsigned char)*p) ? toupper((unsigned char)*p) : '_');
    }
    printf("upper %s\n", text);
    char block[100];
    memset(block, 'x', sizeof block);
    memmove(block + 10, block, 50);
    memcpy(block, "0123456789abcdef", 16);
    memmove(block + 3, block, 20);
    printf("mem %.30s memcmp %d memchr %ld\n", block, memcmp(block, "0120", 4) > 0,
        (long)((char *)memchr(block, 'f', sizeof block) - block));
    char *dup = strdup("duplicate me");
    printf("%s %zu\n", dup, strnlen(dup, 5));
    free(dup);
    printf("checksum %08x\n", sum);
    return (int)(sum % 67);
}
