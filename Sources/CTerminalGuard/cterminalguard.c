#include "cterminalguard.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <errno.h>
#include <sys/resource.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
#define FATAL_COUNT (sizeof fatal_signals / sizeof fatal_signals[0])

static struct termios saved_modes;
static volatile sig_atomic_t have_modes = 0;
static int saved_fd = -1;
static int output_fd = 1;
static char restore_bytes[256];
static size_t restore_length = 0;
static struct sigaction previous[FATAL_COUNT];
static volatile sig_atomic_t installed = 0;

int tt_guard_save(int fd) {
    if (tcgetattr(fd, &saved_modes) != 0) return -1;
    saved_fd = fd;
    have_modes = 1;
    return 0;
}

static int restore_terminal(void) {
    int written = 0;
    if (restore_length > 0) {
        size_t done = 0;
        while (done < restore_length) {
            ssize_t n = write(output_fd, restore_bytes + done, restore_length - done);
            if (n <= 0) break;
            done += (size_t)n;
        }
        written = (int)done;
    }
    if (have_modes && tcsetattr(saved_fd, TCSANOW, &saved_modes) != 0) return -1;
    return written;
}

static void on_fatal_signal(int sig) {
    restore_terminal();
    /* The default action, not a previous handler: the Swift runtime's
       backtracer is interactive on a terminal and would take it raw again. */
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(sig, &fallback, NULL);
    /* SA_NODEFER: the signal is not blocked here, so this takes effect now
       (a hardware fault would also recur on return). */
    raise(sig);
}

void tt_guard_install(int out_fd, const char *restore) {
    output_fd = out_fd;
    restore_length = 0;
    if (restore != NULL) {
        size_t length = strlen(restore);
        if (length >= sizeof restore_bytes) length = sizeof restore_bytes - 1;
        memcpy(restore_bytes, restore, length);
        restore_length = length;
    }
    if (installed) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_fatal_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_NODEFER | SA_ONSTACK;
    for (size_t i = 0; i < FATAL_COUNT; i++) {
        sigaction(fatal_signals[i], &action, &previous[i]);
    }
    installed = 1;
}

void tt_guard_remove(void) {
    if (!installed) return;
    for (size_t i = 0; i < FATAL_COUNT; i++) {
        sigaction(fatal_signals[i], &previous[i], NULL);
    }
    installed = 0;
}

int tt_guard_restore_now(void) { return restore_terminal(); }

static volatile sig_atomic_t resize_wake_fd = -1;
static struct sigaction resize_previous;
static int resize_chained = 0;

/* Runs curses' own SIGWINCH handler (it notes the resize, so the next read
   yields KEY_RESIZE), then writes a byte to the loop's wake-up pipe: whichever
   thread the kernel picked for the signal, the loop's poll() wakes now. */
static void on_resize(int sig, siginfo_t *info, void *context) {
    int saved_errno = errno;
    if (resize_previous.sa_flags & SA_SIGINFO) {
        if (resize_previous.sa_sigaction != NULL) resize_previous.sa_sigaction(sig, info, context);
    } else if (resize_previous.sa_handler != SIG_DFL && resize_previous.sa_handler != SIG_IGN &&
               resize_previous.sa_handler != NULL) {
        resize_previous.sa_handler(sig);
    }
    int fd = resize_wake_fd;
    if (fd >= 0) {
        char byte = 1;
        (void)!write(fd, &byte, 1);
    }
    errno = saved_errno;
}

void tt_resize_wakes(int fd) {
    resize_wake_fd = fd;
    if (resize_chained) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_resize;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    if (sigaction(SIGWINCH, &action, &resize_previous) == 0) resize_chained = 1;
}

void tt_resize_wakes_off(void) {
    resize_wake_fd = -1;
    if (!resize_chained) return;
    sigaction(SIGWINCH, &resize_previous, NULL);
    resize_chained = 0;
}

int tt_disable_core_dumps(void) {
    int result = 0;
    int saved_errno = 0;
    struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0) {
        result = -1;
        saved_errno = errno;
    }
#ifdef __linux__
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        result = -1;
        saved_errno = errno;
    }
#endif
    if (result != 0) errno = saved_errno;
    return result;
}

int tt_core_dumpable(void) {
#ifdef __linux__
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
#else
    return -1;
#endif
}

long long tt_core_limit(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_CORE, &limit) != 0) return -1;
    if (limit.rlim_cur == RLIM_INFINITY) return -2;
    return (long long)limit.rlim_cur;
}
