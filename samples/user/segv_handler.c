/* A SIGSEGV handler installed with sigaction leaves through siglongjmp; the signal mask is restored,
 * so the fault can be taken again. A SIGUSR1 handler is run twice through raise(). */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf s_env;
static volatile sig_atomic_t s_faults;
static volatile uintptr_t s_address;
static volatile sig_atomic_t s_usr1;

static void on_segv(int sig, siginfo_t *info, void *context)
{
    (void)context;
    s_faults++;
    s_address = (uintptr_t)info->si_addr;
    siglongjmp(s_env, sig);
}

static void on_usr1(int sig)
{
    s_usr1 += sig;
}

int main(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_segv;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGSEGV, &action, NULL) != 0) {
        return 2;
    }
    signal(SIGUSR1, on_usr1);

    for (volatile int round = 0; round < 3; round++) {
        int sig = sigsetjmp(s_env, 1);
        if (sig == 0) {
            volatile int *target = (volatile int *)(uintptr_t)(16 * round);
            *target = round;
            printf("round %d: no fault?\n", round);
        } else {
            printf("round %d: caught signal %d at address 0x%lx, faults %d\n", round, sig, (unsigned long)s_address,
                (int)s_faults);
        }
    }
    raise(SIGUSR1);
    raise(SIGUSR1);
    printf("SIGUSR1 handler total %d\n", (int)s_usr1);
    sigset_t mask;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    printf("SIGSEGV blocked after siglongjmp: %d\n", sigismember(&mask, SIGSEGV));
    return s_faults * 10 + (s_usr1 == 2 * SIGUSR1);
}
