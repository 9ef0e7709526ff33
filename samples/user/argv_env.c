/* argv and envp as the loader laid them out; only CORPUS_* variables are printed, since the runner
 * (QEMU or ours) may legitimately add its own variables to the environment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

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
    for (char **e = envp; *e; e++) {
        if (strncmp(*e, "CORPUS_", 7) == 0) {
            printf("env %s\n", *e);
            corpus++;
        }
    }
    const char *value = getenv("CORPUS_VALUE");
    printf("getenv CORPUS_VALUE = %s, %d CORPUS_ variables\n", value ? value : "(unset)", corpus);
    printf("environ is envp: %d\n", environ == envp);
    return (int)((sum + (unsigned)argc) % 64);
}
