#!/usr/bin/env bash
# The link checks of the footprint work, cheap enough for CI (debug builds):
#   1. the default build (simulator included) links no ICU: ldd lists neither
#      libFoundationInternationalization nor lib_FoundationICU;
#   2. the lean client (`--disable-default-traits`: no Simulator trait) builds, links
#      no ICU and no Hummingbird, and its `demo` and `simulate` refuse with exit 64,
#      saying how to build one that has the simulator.
# It rebuilds our own modules in .build without the trait (the next `swift build`
# builds them back), so CI runs it last. Ends with `N passed, N failed`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PASSED=0
FAILED=0
check() {  # check NAME COMMAND...
    local name=$1; shift
    if "$@"; then echo "ok   $name"; PASSED=$((PASSED + 1)); else echo "FAIL $name"; FAILED=$((FAILED + 1)); fi
}
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
icu='libFoundationInternationalization|lib_FoundationICU'

swift build --product tasks-tui 2>&1 | tail -1
bin=.build/debug/tasks-tui
ldd "$bin" >"$OUT/default.ldd"
check "the default build links no ICU (ldd)" bash -c "! grep -Eq '$icu' '$OUT/default.ldd'"
check "  ... and does link FoundationEssentials (the check reads the right file)" grep -q libFoundationEssentials "$OUT/default.ldd"
check "  ... and holds the simulator" bash -c "nm '$bin' | grep -q '11Hummingbird'"

swift build --disable-default-traits --product tasks-tui 2>&1 | tail -1
check "the lean build links no ICU (ldd)" bash -c "! ldd '$bin' | grep -Eq '$icu'"
check "  ... and holds no Hummingbird" bash -c "! nm '$bin' | grep -q '11Hummingbird'"
for command in demo simulate; do
    set +e
    env HOME="$OUT" XDG_STATE_HOME="$OUT/state" "$bin" "$command" >"$OUT/$command.out" 2>"$OUT/$command.err" </dev/null
    status=$?
    set -e
    check "  ... its $command exits 64, saying the build has no simulator and how to build one" bash -c \
        "[ $status = 64 ] && grep -q 'this build has no simulator' '$OUT/$command.err' && grep -q 'swift build -c release' '$OUT/$command.err'"
done
check "  ... its list still answers (exit 6 on a closed port, not a crash)" bash -c \
    "env HOME='$OUT' XDG_STATE_HOME='$OUT/state' '$bin' list --api-url http://127.0.0.1:1 >/dev/null 2>&1; [ \$? = 6 ]"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
