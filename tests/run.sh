#!/bin/sh
# Run the unit test binaries given as arguments, then every CLI test script in tests/cli/,
# against the sanitized build in $1. Prints one line per test file and a summary; exits
# non-zero if anything failed.
set -u
build=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
export THIDUA="$top/$build/thidua"
export TOP="$top"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LC_ALL=C.UTF-8
export NO_COLOR=1
unset THIDUA_DB
pass=0
fail=0
failed=""
t0=$(date +%s)
for t in "$@"; do
	name=$(basename "$t")
	arg=""
	supp=""
	case "$t" in
	*/replay/*) # a fuzz target replaying its seeds, with its leak suppressions
		arg="$top/fuzz/corpus/$name"
		[ -f "$top/fuzz/$name.supp" ] && supp="suppressions=$top/fuzz/$name.supp" ;;
	esac
	if out=$(LSAN_OPTIONS="$supp" "$t" ${arg:+"$arg"} 2>&1); then
		pass=$((pass + 1))
		printf 'ok    unit %s\n' "$name"
	else
		fail=$((fail + 1))
		failed="$failed unit/$name"
		printf 'FAIL  unit %s\n%s\n' "$name" "$out"
	fi
done
for t in "$top"/tests/cli/test_*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	work=$(mktemp -d)
	if out=$(cd "$work" && bash "$t" 2>&1); then
		pass=$((pass + 1))
		printf 'ok    cli  %s\n' "$name"
	else
		fail=$((fail + 1))
		failed="$failed cli/$name"
		printf 'FAIL  cli  %s\n%s\n' "$name" "$out"
	fi
	rm -rf "$work"
done
printf '\n%d passed, %d failed in %ss%s\n' "$pass" "$fail" "$(($(date +%s) - t0))" \
	"${failed:+ (failed:$failed)}"
[ "$fail" -eq 0 ]
