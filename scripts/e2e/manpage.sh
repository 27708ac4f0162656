#!/usr/bin/env bash
# The man page (issue #16, point 6): made by swift-argument-parser's GenerateManual plugin from
# the commands themselves (so it is never kept in git), it renders with man(1) and names every
# command and every option their --help names.
source "$(dirname "$0")/_lib.sh"
build
PAGE="$ROOT/.build/plugins/GenerateManual/outputs/TasksTUI/tasks-tui.1"
rm -f "$PAGE"
(cd "$ROOT" && swift package plugin generate-manual --configuration debug >"$WORK/plugin.log" 2>&1) || true
check "the plugin wrote tasks-tui.1" test -s "$PAGE"
MANWIDTH=100 man -l "$PAGE" 2>"$WORK/man.err" | col -b >"$WORK/page.txt" || true
check "man renders it" grep -q "TASKS-TUI(1)" "$WORK/page.txt"
check "man reports no error (empty-line warnings aside)" bash -c "! grep -v 'Empty input line' '$WORK/man.err' | grep -q ."
for command in dashboard demo list show cancel watch config simulate; do
    check "the page has $command and each of its options" bash -c "
        grep -qE '^ +$command( |\$)' '$WORK/page.txt' || exit 1
        for option in \$('$BIN' $command --help | grep -oE '^ +(-[a-z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
            grep -qF -- \"\$option\" '$WORK/page.txt' || { echo \"missing \$option\"; exit 1; }
        done"
done
check "watch --notify is in it" grep -qF -- "--notify" "$WORK/page.txt"
finish
