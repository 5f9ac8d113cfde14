# Shell citizenship: --version, the man page, bash completion, make install.
. "$TOP/tests/cli/lib.sh"

run --version
expect_rc 0
printf '%s' "$OUT" | grep -Eq '^thidua [0-9]+\.[0-9]+\.[0-9]+ \(schema [0-9]+, tokenizer [0-9]+\)$' ||
	fail "--version: $OUT"
CHECKS=$((CHECKS + 1))

# the man page renders without a warning and names every command `thidua --help` lists
man_page="$TOP/man/thidua.1"
MANWIDTH=80 man --warnings -l "$man_page" >man.txt 2>man.err || fail "man: $(cat man.err)"
[ -s man.err ] && fail "man page warnings: $(cat man.err)"
run --help
commands=$(printf '%s\n' "$OUT" | awk '/^Commands:/ { on = 1; next } on && !NF { exit } on { print $1 }')
[ -n "$commands" ] || fail "no commands in thidua --help"
for c in $commands; do
	CHECKS=$((CHECKS + 1))
	grep -Eq "^ {7}$c( |$)" man.txt || fail "man page lacks command $c"
done
grep -q 'thidua trend --award "Bằng khen"' man.txt || fail "man page: Vietnamese text"

# bash completion, run as bash runs it
. "$TOP/completion/thidua.bash"
complete_words() { # words...: COMPREPLY for the last word
	COMP_WORDS=("$THIDUA" "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_thidua
	printf '%s\n' "${COMPREPLY[@]}"
}
expect_eq "$(complete_words tr)" "trend" "command completion"
expect_eq "$(complete_words au)" "audit" "command completion"
expect_eq "$(complete_words trend --aw)" "--award" "option completion"
expect_eq "$(complete_words audit --ch)" "--check" "option completion"
expect_eq "$(complete_words trend --by "" | tr '\n' ' ')" "year unit province " "--by values"
expect_eq "$(complete_words search --format j)" "json" "--format values"
expect_eq "$(complete_words audit --check score)" "score_over_max" "--check values"

# the libraries only indexing needs are loaded when indexing starts (indexer/dl.h), not by
# every `thidua search`: with Tesseract linked the dynamic loader took 12 ms of a search's
# start-up, 2 ms without
CHECKS=$((CHECKS + 1))
linked=$(ldd "$THIDUA" | grep -E 'lib(tesseract|lept|poppler|cairo|archive|magic|gsf|crypto)[.-]')
[ -z "$linked" ] || fail "linked at start-up instead of loaded by indexer/dl.c: $linked"

# make install puts the binary, the man page and the completion under PREFIX; only when the
# optimized binary exists (make test builds the sanitized one), so as not to build it here
if [ -x "$TOP/bin/thidua" ] && [ -f "$TOP/bin/thidua.so" ]; then
	make -s -C "$TOP" -o bin/thidua -o bin/thidua.so install PREFIX="$PWD/inst" >install.out 2>&1 ||
		fail "make install: $(cat install.out)"
	for f in bin/thidua lib/thidua/thidua.so share/man/man1/thidua.1 \
		share/bash-completion/completions/thidua; do
		CHECKS=$((CHECKS + 1))
		[ -f "inst/$f" ] || fail "make install did not write $f"
	done
	CHECKS=$((CHECKS + 1))
	"inst/bin/thidua" --version >/dev/null || fail "installed thidua does not run"
else
	echo "make install: skipped (no bin/thidua; run make first)"
fi
done_ok
