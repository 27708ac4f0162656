#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <malloc.h>

/* Give freed heap back to the system after a large list (glibc). */
static inline void tt_release_free_memory(void) { malloc_trim(0); }

/* Fixed thresholds (glibc's defaults, 128 KiB) instead of the dynamic ones, which rise after the
   first large block is freed and then keep megabytes of freed heap resident (10,000 jobs: 9 MB). */
static inline void tt_hold_little_free_memory(void) {
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024);
}

/* One heap arena for the whole process, set first thing in main. The threads here are few (the UI,
   an event loop per core), and a second arena, made by the thread that decoded a 10,000-job list,
   kept 11 MB resident after the list was freed, malloc_trim or not (measured with malloc_info). */
static inline void tt_use_one_malloc_arena(void) { mallopt(M_ARENA_MAX, 1); }

/* Mutable C globals are not concurrency-safe in Swift 6: read them through functions. */
static inline WINDOW *tt_stdscr(void) { return stdscr; }
static inline int tt_colors(void) { return COLORS; }
static inline int tt_color_pairs(void) { return COLOR_PAIRS; }

/* Function-like macros (the attribute bits) do not import. */
static inline attr_t tt_a_bold(void) { return A_BOLD; }
static inline attr_t tt_a_reverse(void) { return A_REVERSE; }
static inline attr_t tt_a_dim(void) { return A_DIM; }
static inline attr_t tt_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tt_a_normal(void) { return A_NORMAL; }

/* The mouse masks are macros too. Only presses are asked for: a click, and
   the wheel (buttons 4 and 5); no motion, which would flood a slow link. */
static inline mmask_t tt_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t tt_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t tt_button5_pressed(void) { return BUTTON5_PRESSED; }

#endif
