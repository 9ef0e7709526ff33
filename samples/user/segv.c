/* Writes through NULL with no handler installed: the process must die of SIGSEGV (exit status 139). */
#include <stdio.h>

int main(void)
{
    printf("about to fault\n");
    fflush(stdout);
    *(volatile int *)0 = 1;
    printf("still alive?\n");
    return 1;
}
