/* argv and envp as the loader laid them out; only CORPUS_* variables are printed, since the runner
 * (QEMU or ours) may legitimately add its own variables to the environment, and they are printed
 * sorted, since qemu-user passes the environment on in reverse order where the kernel keeps it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv, char **envp)
{
    unsigned sum = 0;
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d] = '%s' (%zu)\n", i, argv[i], strlen(argv[i]));
        for (const char *p = argv[i]; *p; p++) {
            sum = sum * 31 + (unsigned char)*p;
        }
    }
    printf("argv[argc] is %s\n", argv[argc] ? "set" : "NULL");
    int corpus = 0;
    const char *found[64];
    for (char **e = envp; *e && corpus < 64; e++) {
        if (strncmp(*e, "CORPUS_", 7) == 0) {
            found[corpus++] = *e;
        }
    }
    qsort(found, corpus, sizeof found[0], by_string);
    for (int i = 0; i < corpus; i++) {
        printf("env %s\n", found[i]);
    }
    const char *value = getenv("CORPUS_VALUE");
    printf("getenv CORPUS_VALUE = %s, %d CORPUS_ variables\n", value ? value : "(unset)", corpus);
    printf("environ is envp: %d\n", environ == envp);
    return (int)((sum + (unsigned)argc) % 64);
}
