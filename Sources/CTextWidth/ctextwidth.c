#define _XOPEN_SOURCE 700
#include "ctextwidth.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>

int tt_wcwidth(uint32_t codepoint) { return wcwidth((wchar_t)codepoint); }

static int current_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

int tt_setlocale_from_environment(void) {
    setlocale(LC_ALL, "");
    return current_is_utf8();
}

int tt_use_utf8_locale(void) {
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL && setlocale(LC_CTYPE, "C.utf8") == NULL) return 0;
    return current_is_utf8();
}
