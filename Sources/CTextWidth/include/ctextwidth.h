#ifndef CTEXTWIDTH_H
#define CTEXTWIDTH_H

#include <stdint.h>

/// wcwidth(3) for one code point in the current locale: what ncursesw uses
/// to advance the cursor, so the layout and the painter agree on widths.
int tt_wcwidth(uint32_t codepoint);

/// Sets LC_CTYPE from the environment and reports whether it is UTF-8.
int tt_setlocale_from_environment(void);

/// Forces LC_CTYPE to C.UTF-8 (tests), returning whether it worked.
int tt_use_utf8_locale(void);

#endif
