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

#endif
