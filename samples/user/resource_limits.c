/* setrlimit/getrlimit: a limit set is the limit read back, RLIMIT_NOFILE included (MIPS numbers it 5, x86-64
 * 7), and a soft limit above the hard one fails with EINVAL. Only values the program set are printed: the
 * starting limits are the host's. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

static void set_and_show(const char *name, int resource, rlim_t soft)
{
    struct rlimit before, after;
    if (getrlimit(resource, &before) != 0) {
        perror("getrlimit");
        return;
    }
    struct rlimit wanted = { soft < before.rlim_max ? soft : before.rlim_max, before.rlim_max };
    if (setrlimit(resource, &wanted) != 0) {
        perror("setrlimit");
        return;
    }
    getrlimit(resource, &after);
    printf("%s: soft %s, hard %s\n", name, after.rlim_cur == wanted.rlim_cur ? "as set" : "changed",
           after.rlim_max == before.rlim_max ? "kept" : "changed");
}

int main(void)
{
    set_and_show("nofile", RLIMIT_NOFILE, 200);
    set_and_show("core", RLIMIT_CORE, 0);
    set_and_show("nproc", RLIMIT_NPROC, 100);

    struct rlimit limit;
    getrlimit(RLIMIT_CORE, &limit);
    struct rlimit inverted = { limit.rlim_max, 0 };
    errno = 0;
    int result = limit.rlim_max == 0 ? -1 : setrlimit(RLIMIT_CORE, &inverted);
    printf("soft above hard: %d, %s\n", result, limit.rlim_max == 0 ? "Invalid argument" : strerror(errno));
    return 0;
}
