#ifndef CTERMINALGUARD_H
#define CTERMINALGUARD_H

/// Saves the terminal modes of `fd` (tcgetattr) before curses changes them.
/// Returns 0 on success.
int tt_guard_save(int fd);

/// Installs handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP
/// that, using only async-signal-safe calls, restore the saved modes, write
/// `restore` (leave the alternate screen, show the cursor, ...) to `out_fd`,
/// then re-raise the signal with its default action (a core dump where
/// enabled). `restore` is copied (at most 255 bytes).
void tt_guard_install(int out_fd, const char *restore);

/// Puts the previous handlers back (after a normal tear-down).
void tt_guard_remove(void);

/// Restores the terminal as the handler would (for tests): returns the
/// number of bytes written, or -1.
int tt_guard_restore_now(void);

/// Chains a SIGWINCH handler after curses' own (install after initscr): it
/// writes one byte to `fd` (non-blocking) so that the thread waiting in
/// poll() on it wakes for a resize, whichever thread received the signal.
void tt_resize_wakes(int fd);

/// Puts curses' handler back and stops the writes.
void tt_resize_wakes_off(void);

/// Makes sure no core file can hold the token: RLIMIT_CORE set to 0 (soft
/// and hard) and, on Linux, prctl(PR_SET_DUMPABLE, 0), which also keeps
/// other processes of the same user from reading our memory through ptrace
/// or /proc/PID/mem. Returns 0 when both held, else -1 (errno from the
/// failing call).
int tt_disable_core_dumps(void);

/// 1 when the process may dump core (prctl(PR_GET_DUMPABLE)), 0 when not,
/// -1 where it cannot be asked.
int tt_core_dumpable(void);

/// The soft RLIMIT_CORE, or -1 when unknown (RLIM_INFINITY is reported as -2).
long long tt_core_limit(void);

#endif
