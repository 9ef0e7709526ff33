/* prctl(PR_SET_NAME) keeps at most 15 bytes of the name and PR_GET_NAME returns it NUL-padded in 16;
 * an unknown option fails with EINVAL. (The name before the first PR_SET_NAME is the program's file
 * name under the kernel and qemu-user's own under QEMU, so it is not printed.) */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

static void show(void)
{
    char name[17];
    memset(name, 'x', sizeof name);
    name[16] = 0;
    if (prctl(PR_GET_NAME, name, 0, 0, 0) != 0) {
        perror("PR_GET_NAME");
        return;
    }
    printf("name \"%s\", byte 15 is %d\n", name, name[15]);
}

int main(void)
{
    if (prctl(PR_SET_NAME, "worker", 0, 0, 0) != 0) {
        perror("PR_SET_NAME");
        return 1;
    }
    show();
    prctl(PR_SET_NAME, "a-name-longer-than-fifteen-bytes", 0, 0, 0);
    show();
    errno = 0;
    int result = prctl(0x7fff0000, 0, 0, 0, 0);
    printf("unknown option: %d, %s\n", result, strerror(errno));
    return 0;
}
