# Run with bash (tests/run.sh does): dash drops some UTF-8 bytes inside here-documents.
# Helpers for CLI tests. Each test script runs in a fresh temporary folder with $THIDUA
# (the sanitized binary) and $TOP (the repository) set by tests/run.sh; it exits non-zero
# on the first failed check.
set -u
SEED="$TOP/corpus/tuyen-quang-2020-khoi-noi-chinh-bao-cao-tong-ket-thi-dua.txt"
VARIANTS="$TOP/tests/fixtures/seed/variants"
CHECKS=0

# sqlite3 with thidua's extension loaded (bin/thidua.so: the tokenizer and vn_unpack, which
# the `passages` view needs)
sql() {
	sqlite3 -cmd ".load $TOP/bin/thidua" "$@"
}

fail() {
	printf 'FAILED: %s\n' "$*" >&2
	exit 1
}

# run CMD...: run thidua, capture stdout in $OUT, stderr in $ERR, exit code in $RC
run() {
	OUT=$("$THIDUA" "$@" 2>stderr.txt)
	RC=$?
	ERR=$(cat stderr.txt)
	# a sanitizer report is a failure whatever the exit code
	if grep -q "Sanitizer" stderr.txt; then
		cat stderr.txt >&2
		fail "sanitizer report from: thidua $*"
	fi
}

expect_rc() {
	CHECKS=$((CHECKS + 1))
	[ "$RC" -eq "$1" ] || fail "expected exit $1, got $RC${2:+ ($2)}; stderr: $ERR"
}

expect_out() { # substring in stdout
	CHECKS=$((CHECKS + 1))
	printf '%s' "$OUT" | grep -qF -- "$1" || fail "stdout lacks '$1'${2:+ ($2)}"
}

expect_not_out() {
	CHECKS=$((CHECKS + 1))
	printf '%s' "$OUT" | grep -qF -- "$1" && fail "stdout has '$1'${2:+ ($2)}"
	return 0
}

expect_err() { # substring in stderr
	CHECKS=$((CHECKS + 1))
	printf '%s' "$ERR" | grep -qF -- "$1" || fail "stderr lacks '$1'${2:+ ($2)}; stderr: $ERR"
}

expect_eq() { # actual expected what
	CHECKS=$((CHECKS + 1))
	[ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
}

# Count lines of stdout (rows of --format tsv output minus the header).
tsv_rows() {
	printf '%s\n' "$OUT" | tail -n +2 | grep -c . || true
}

# Values of one TSV column (by header name) of stdout, one per line.
tsv_col() {
	printf '%s\n' "$OUT" | awk -F'\t' -v c="$1" 'NR==1{for(i=1;i<=NF;i++) if($i==c) k=i; next} {print $k}'
}

done_ok() {
	printf '%d checks\n' "$CHECKS"
}
