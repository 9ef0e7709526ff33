/* Runs of loads and stores through one base register (a structure's fields), which a translator may check
 * once for the whole run: inside a page, straddling a boundary into a mapped page, and straddling one into
 * a page with no access, where the first field past the boundary must fault (SIGSEGV at its address) after
 * the fields before it were read. Each shape runs often enough to be compiled with the TLB warm. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct quad {
    int32_t a, b, c, d;
};

static sigjmp_buf s_recover;
static volatile uintptr_t s_fault_address;
static volatile int32_t s_partial;

static void on_segv(int sig, siginfo_t *info, void *context)
{
    (void)context;
    s_fault_address = (uintptr_t)info->si_addr;
    siglongjmp(s_recover, sig);
}

__attribute__((noinline)) static int32_t weigh(const struct quad *q)
{
    return q->a + 3 * q->b + 5 * q->c + 7 * q->d;
}

__attribute__((noinline)) static void fill(struct quad *q, int32_t v)
{
    q->a = v;
    q->b = v + 1;
    q->c = v + 2;
    q->d = v + 3;
}

/* Reads a and b, publishes them, then c and d: what was read before the fault is visible after it. */
__attribute__((noinline)) static int32_t weigh_in_halves(const struct quad *q)
{
    int32_t first = q->a + 3 * q->b;
    s_partial = first;
    return first + 5 * q->c + 7 * q->d;
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *area = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) {
        perror("mmap");
        return 2;
    }

    struct quad *inside = (struct quad *)(area + 64);
    struct quad *across = (struct quad *)(area + page - 8);
    long total = 0;
    for (int round = 0; round < 3000; round++) {
        fill(inside, round);
        fill(across, -3 * round);
        total += weigh(inside) + weigh(across);
    }
    printf("inside and across: %ld\n", total);

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_segv;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGSEGV, &action, NULL) != 0 || mprotect(area + 2 * page, page, PROT_NONE) != 0) {
        perror("setup");
        return 3;
    }

    struct quad *edge = (struct quad *)(area + 2 * page - 8);
    fill((struct quad *)(area + 2 * page - 16), 0);
    edge->a = 11;
    edge->b = 13;
    int faults = 0;
    for (volatile int round = 0; round < 3000; round++) {
        s_partial = 0;
        if (sigsetjmp(s_recover, 1) == 0) {
            total += round % 2 ? weigh(edge) : weigh_in_halves(edge);
        } else {
            faults++;
            total += s_partial;
        }
    }
    printf("into no access: %d faults at page offset %ld, total %ld\n", faults,
           (long)(s_fault_address - (uintptr_t)area) - 2 * page, total);
    return 0;
}
