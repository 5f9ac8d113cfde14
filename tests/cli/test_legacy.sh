# Issue 3, measured on real documents: `thidua text` on every legacy file of
# tests/fixtures/legacy (50 government files, TCVN3 and VNI) scored against its transcript
# with tools/score.c (the metric of its PROVENANCE: NFC, whitespace collapsed; character,
# diacritic and syllable accuracy; a file that fails scores 0).
#
# Goals: diacritic >= 0.995, char >= 0.99, syllable >= 0.99, no file failing. Asserted for
# every format whose reader is present (a file of that format that libmagic sends to no
# reader is counted, scored 0 and reported, but its format is not asserted until that
# reader is merged). Known exception, see docs/encodings.md: the PDF transcripts split
# words at some glyphs ("ch ỉ" for chỉ, "dân ;") where the page's own positioning puts no
# gap (the glyphs are placed touching, as in the words the transcript leaves whole), so
# PDF syllables are held to 0.95; with whitespace ignored the PDF texts equal their
# transcripts character for character.
#
# The transcripts keep text typed in upper-case fonts (.VnTimeH) in the case it was typed,
# so the asserted run uses --typed-case; a second run with the default (those runs upper-
# cased, as Word shows them) is printed for comparison.
. "$TOP/tests/cli/lib.sh"

LEG="$TOP/tests/fixtures/legacy"
SCORE="$TOP/build/rel/score"
[ -x "$SCORE" ] || fail "scorer $SCORE not built (make build/rel/score)"

# score --fill (the OCR benchmark's, docs/ocr.md): a leader's dots, however many and
# whether typed as … or as full stops, and a ruled line are blanks on both sides; without
# it (this test's metric) they are text
printf 'Họ và tên:……………Năm sinh ……\n____________\nv.v… xong\n' >fill.truth
printf 'Họ và tên:..........Năm sinh\nv.v... xong\n' >fill.hyp
expect_eq "$("$SCORE" --fill fill.truth fill.hyp | cut -f5,6)" "$(printf '7\t7')" "score --fill"
expect_eq "$("$SCORE" fill.truth fill.hyp | cut -f5,6)" "$(printf '4\t8')" "score without --fill"

measure() { # label, extra thidua options...: fills per-format totals in sums.$label
	local label=$1 f name ext out rc
	shift
	: >"rows.$label"
	for f in "$LEG"/files/*/*; do
		name=$(basename "$f")
		ext=${name##*.}
		out="out.$label.$name.txt"
		"$THIDUA" text "$@" "$f" >"$out" 2>"err.$label.$name.txt"
		rc=$?
		if grep -q Sanitizer "err.$label.$name.txt"; then
			cat "err.$label.$name.txt" >&2
			fail "sanitizer report on $name"
		fi
		reader=1
		grep -q "unsupported file type" "err.$label.$name.txt" && reader=0
		[ $rc -eq 0 ] || : >"$out"
		printf '%s\t%s\t%s\t%s\t%s\n' "$ext" "$name" "$reader" "$rc" \
			"$("$SCORE" "$LEG/truth/${name%.*}.txt" "$out")" >>"rows.$label"
	done
}

# table label title: per-format and overall accuracy from rows.$label
table() {
	awk -F'\t' -v label="$2" '
	function line(name, k, r) {
		printf "%-8s %5d %6d %9.4f %7.4f %8.4f%s\n", name, n[k], fl[k],
			(dm[k] ? dd[k] / dm[k] : 1), cm[k] / ct[k], sm[k] / st[k],
			r ? "" : "  (no reader yet)"
	}
	{
		k = $1; n[k]++; n["all"]++; rd[k] = $3
		fail = ($4 != 0 || $5 == 0); fl[k] += fail; fl["all"] += fail
		cm[k] += $5; ct[k] += $6; dd[k] += $7; dm[k] += $8; sm[k] += $9; st[k] += $10
		cm["all"] += $5; ct["all"] += $6; dd["all"] += $7; dm["all"] += $8
		sm["all"] += $9; st["all"] += $10
	}
	END {
		printf "%s\n%-8s %5s %6s %9s %7s %8s\n", label, "format", "files", "failed",
			"diacritic", "char", "syllable"
		split("rtf pdf txt doc xls ppt", order, " ")
		for (i = 1; i <= 6; i++) if (order[i] in n) { line(order[i], order[i], rd[order[i]]); seen[order[i]] = 1 }
		for (k in n) if (k != "all" && !(k in seen)) line(k, k, rd[k])
		line("overall", "all", 1)
	}' "rows.$1"
}

measure typed --typed-case
measure shown
table typed "as typed (--typed-case; the transcripts' convention):" | tee table.typed
table shown "as shown (default: upper-case font runs upper-cased):"

# Files that must extract but are left out of the accuracy goals, each for a fault of its
# transcript rather than of the reader (docs/office.md has the evidence, and the numbers
# with and without them):
#   2004-1ED4D_Francois_Godement-Thoikyquado.doc: the transcript keeps ~5,000 characters
#     of tracked deletions. Every one of the file's 1,148 sprmCFRMarkDel runs comes with
#     an author (sprmCIbstRMarkDel) and a time (sprmCDttmRMarkDel, 6-7 March 2002), next
#     to 1,430 marked insertions by the same authors; the transcript reads both wordings
#     run together ("đã đượcgây đưa ra tranh cãi"). thidua drops deleted revisions (as
#     issue 3 asks for .docx).
#   2005-KH2003-bieu.xls, 2009-download-xls.xls: "mixed" transcripts that converted some
#     TCVN3 cells with the VNI table and some Unicode cells with the TCVN3 one ("víi tỉng
#     xŭt khÈu" for với tổng xuất khẩu, "Sù nghiƯp" for Sự nghiệp, "dự ỏn trong chương
#     trỡnh" for dự án trong chương trình), and wrote formula errors as BIFF codes ("7"
#     where Excel shows #DIV/0!).
EXCEPT="2004-1ED4D_Francois_Godement-Thoikyquado.doc 2005-KH2003-bieu.xls 2009-download-xls.xls"

# assertions for formats with a reader: no failing file, and the goals
awk -F'\t' -v except="$EXCEPT" 'BEGIN { n = split(except, x, " "); for (i = 1; i <= n; i++) ex[x[i]] = 1 }
$3 == 1 {
	k = $1
	if ($4 != 0 || $5 == 0) { printf "FAILED FILE %s (exit %s)\n", $2, $4; bad = 1 }
	if ($2 in ex) next
	cm[k] += $5; ct[k] += $6; dd[k] += $7; dm[k] += $8; sm[k] += $9; st[k] += $10
}
END {
	for (k in ct) {
		d = dm[k] ? dd[k] / dm[k] : 1; c = cm[k] / ct[k]; s = sm[k] / st[k]
		smin = (k == "pdf") ? 0.95 : 0.99
		if (d < 0.995) { printf "%s: diacritic %.4f < 0.995\n", k, d; bad = 1 }
		if (c < 0.99) { printf "%s: char %.4f < 0.99\n", k, c; bad = 1 }
		if (s < smin) { printf "%s: syllable %.4f < %.2f\n", k, s, smin; bad = 1 }
		ac += cm[k]; at += ct[k]; ad += dd[k]; adm += dm[k]; asy += sm[k]; ast += st[k]
	}
	# the issue states its goals over the files: overall, PDF syllables included
	d = ad / adm; c = ac / at; s = asy / ast
	printf "overall without the %d files above: diacritic %.4f char %.4f syllable %.4f\n", n, d, c, s
	if (d < 0.995 || c < 0.99 || s < 0.99) { print "overall goals not met"; bad = 1 }
	exit bad
}' rows.typed >verdict.txt || { cat verdict.txt >&2; fail "legacy accuracy goals not met"; }
cat verdict.txt
CHECKS=$((CHECKS + 2))

# All 50 files, the three above included: measured 0.9940 / 0.9939 / 0.9854 (docs/encodings.md);
# a floor just under that keeps them from regressing.
awk -F'\t' '{ cm += $5; ct += $6; dd += $7; dm += $8; sm += $9; st += $10 }
END {
	d = dd / dm; c = cm / ct; s = sm / st
	printf "overall, all %d files: diacritic %.4f char %.4f syllable %.4f\n", NR, d, c, s
	if (d < 0.9935 || c < 0.9935 || s < 0.985) { print "below the measured floor 0.9935 / 0.9935 / 0.985"; exit 1 }
}' rows.typed >floor.txt || { cat floor.txt >&2; fail "legacy accuracy regressed"; }
cat floor.txt
CHECKS=$((CHECKS + 1))
# the readers this branch owns must be among those present
grep -q '^rtf .*[0-9]$' table.typed || fail "no RTF reader measured"
grep -q '^pdf .*[0-9]$' table.typed || fail "no PDF reader measured"
for f in doc xls ppt; do
	grep -q "^$f .*[0-9]\$" table.typed || fail "no $f reader measured"
done
CHECKS=$((CHECKS + 5))
done_ok
