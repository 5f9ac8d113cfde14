#!/bin/bash
# thidua-gen, the synthetic corpus generator (docs/corpus.md), checked from the outside:
#   - the same seed gives the same bytes, another seed other bytes, and a report does not
#     depend on what else the run writes;
#   - corpus-small has the documented shape: 8 reports a year 2000-2025 plus planted
#     duplicates, the formats of the year mix, file names and first lines marked synthetic;
#   - legacy files are really in their encoding: decoded by glibc iconv (TCVN5712-1, a
#     superset of TCVN3), checked against VNI's signature from domain.md 7.3, and read by
#     thidua's readers, they hold the same words as the same reports written as UTF-8
#     (--formats txt); .docx files are valid zips of well-formed XML with the same words;
#   - every truth file parses (jq); its evidences, campaign names, figures and unit names are
#     in the text; page breaks are where it says; totals add up from their parts; each
#     planted inconsistency is there and nothing inconsistent is left unplanted;
#   - thidua indexes the documents its readers support without a failure.
# Text work is batched (one jq, one awk, one sort over all files): a process per file per
# check would cost more than the generation.
. "$TOP/tests/cli/lib.sh"
GEN="$(dirname "$THIDUA")/thidua-gen"
[ -x "$GEN" ] || fail "no $GEN (make build/asan/thidua-gen)"

gen() {
	"$GEN" --quiet "$@" 2>gen.err || { cat gen.err >&2; fail "thidua-gen $* failed"; }
	grep -q Sanitizer gen.err && { cat gen.err >&2; fail "sanitizer report from thidua-gen $*"; }
	return 0
}
check() { # condition message
	CHECKS=$((CHECKS + 1))
	eval "$1" || fail "$2"
}

# ---- determinism --------------------------------------------------------------------------
gen --provinces 1 --blocs 3 --years 2004-2008 --out d1
gen --provinces 1 --blocs 3 --years 2004-2008 --out d2
gen --provinces 1 --blocs 3 --years 2004-2008 --out d3 --seed 2
gen --provinces 1 --blocs 1 --years 2006 --out d4
check 'diff -r d1 d2 >/dev/null' "same seed, different output"
check '! diff -rq d1 d3 >/dev/null' "seed 2 gives the output of seed 1"
check 'cmp -s d4/docs/tuyen-quang/synthetic-tuyen-quang-2006-noi-chinh.* d1/docs/tuyen-quang/synthetic-tuyen-quang-2006-noi-chinh.*' \
	"a report differs when generated alone"
rm -rf d1 d2 d3 d4

# ---- usage --------------------------------------------------------------------------------
"$GEN" --years 1990-2000 --out x 2>err.txt
expect_eq "$?" 2 "exit code for a bad --years"
check 'grep -q -- --years err.txt' "no message for a bad --years"
"$GEN" --formats txt,pdf --out x 2>err.txt
expect_eq "$?" 2 "exit code for an unknown format"

# ---- the phrase data writes no figure literally --------------------------------------------
# Figures come from slots, so the truth knows them; a digit written in a template may only be
# part of a document number, a date, a year, or one of the fixed labels of docs/corpus.md.
D="$TOP/corpus/gen/data"
grep -hv '^#' "$D/phrases.tsv" "$D/legal.tsv" "$D/campaigns.tsv" | cut -f5- -s |
	cat - <(grep -v '^#' "$D/legal.tsv" | cut -f3) | sed -e 's/{[^}]*}//g' -e 's/Trung ương 4//g' |
	grep -oE '[[:alnum:]/.:-]*[0-9][[:alnum:]/.:-]*' | sed 's/[.:]$//' |
	grep -vxE '[0-9]+/[0-9]{4}/[[:upper:]][[:alnum:]-]*|[0-9]+[-/][[:upper:]][[:alnum:]/-]*|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|((19|20)[0-9]{2}-?)+|Covid-19|9001:2015|24/24' \
	>literal-digits.txt || true
check '[ ! -s literal-digits.txt ]' "phrase data writes figures literally: $(head -3 literal-digits.txt | tr '\n' ' ')"

# ---- corpus-small -------------------------------------------------------------------------
# --check: every total's parts add up, and every digit of every report is in a figure of the
# truth or in a number that is not one (year, date, document number, label)
gen --preset small --out small --check
gen --preset small --years 2000-2014 --formats txt --out plain
M=small/synthetic-manifest.tsv
tail -n +2 "$M" >rows.tsv
rows=$(wc -l <rows.tsv)
expect_eq "$(awk -F'\t' '$10 == ""' rows.tsv | wc -l)" 208 "reports (2 provinces x 4 blocs x 26 years)"
check '[ "$rows" -gt 208 ] && [ "$rows" -lt 225 ]' "$rows documents with planted duplicates"
for y in 2000 2004 2010 2025; do
	expect_eq "$(awk -F'\t' -v y=$y '$5 == y && $10 == ""' rows.tsv | wc -l)" 8 "reports of $y"
done
# formats follow corpus/gen/data/formats.tsv: legacy text and RTF only before 2010, legacy
# Word files before 2015
expect_eq "$(awk -F'\t' '($7 != "utf-8" && $5 >= 2015) || ($6 == "rtf" && $5 >= 2010) ||
	($6 == "txt" && $7 != "utf-8" && $5 >= 2010)' rows.tsv | wc -l)" 0 \
	"documents in a format their year does not have"
for f in "txt utf-8" "txt tcvn3" "txt vni" "rtf tcvn3" "docx utf-8" "docx tcvn3"; do
	n=$(awk -F'\t' -v f="$f" '$6 " " $7 == f' rows.tsv | wc -l)
	check '[ "$n" -ge 5 ]' "only $n documents in $f"
done
check '[ -z "$(find small -type f ! -name "synthetic-*")" ]' "a file not named synthetic-*"
# sizes as the manifest says; the synthetic marker at the start of every document
(cd small && find docs -type f -printf '%p\t%s\n') | sort >sizes.tsv
check 'diff <(cut -f1,8 rows.tsv | sort) sizes.tsv >/dev/null' "files and sizes differ from the manifest"
marker="SYNTHETIC DOCUMENT generated by thidua-gen"
(cd small && awk -v m="$marker" 'FNR <= 6 && index($0, m) { ok[FILENAME] = 1 }
	END { for (f in ok) print f }' $(awk -F'\t' '$6 != "docx" {print $1}' ../rows.tsv)) >marked.txt
for d in $(awk -F'\t' '$6 == "docx" {print $1}' rows.tsv); do
	unzip -p "small/$d" word/document.xml | head -c 2000 | grep -q "$marker" && echo "$d" >>marked.txt
done
expect_eq "$(sort -u marked.txt | wc -l)" "$rows" "documents with the synthetic marker at their start"

# ---- encodings and containers: the same words as the UTF-8 rendering ----------------------
# TCVN3 as UTF-8 by glibc; cp1252 quotes first (TCVN3 leaves 0x80-0x9F to Windows
# punctuation, where TCVN 5712 VN1 has letters)
tcvn3() { LC_ALL=C sed 's/\x93/"/g; s/\x94/"/g' | iconv -f TCVN5712-1 -t UTF-8; }
docx_text() {
	unzip -p "$1" word/document.xml word/footnotes.xml | sed -e 's/<w:p[ >]/\n&/g' \
		-e 's/<w:br\/>/ /g' -e 's/<[^>]*>//g' -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g'
}
: >got.txt
: >ref.txt
compared=0
while IFS=$'\t' read -r file truth prov bloc year fmt enc bytes num dup; do
	[ "$enc" = utf-8 ] && [ "$fmt" = txt ] && continue
	ref="plain/${file%.*}.txt"
	[ -f "$ref" ] || continue
	printf '\n@@%s\n' "$file" >>got.txt
	printf '\n@@%s\n' "$file" >>ref.txt
	cat "$ref" >>ref.txt
	case "$fmt/$enc" in
	txt/tcvn3)
		iconv -f UTF-8 -t UTF-8 "small/$file" >/dev/null 2>&1 && fail "$file: valid UTF-8, not TCVN3"
		tcvn3 <"small/$file" >>got.txt || fail "$file: iconv TCVN5712-1 refuses it"
		"$THIDUA" text --encoding tcvn3 "small/$file" >thidua.txt || fail "$file: thidua text"
		printf '\n@@%s (thidua)\n' "$file" >>got.txt
		printf '\n@@%s (thidua)\n' "$file" >>ref.txt
		cat thidua.txt >>got.txt
		cat "$ref" >>ref.txt ;;
	txt/vni)
		iconv -f UTF-8 -t UTF-8 "small/$file" >/dev/null 2>&1 && fail "$file: valid UTF-8, not VNI"
		# domain.md 7.3: "Thi đua, khen thưởng" in VNI read as cp1252
		iconv -f CP1252 -t UTF-8 "small/$file" | grep -q "thi ñua, khen thöôûng" ||
			fail "$file: no VNI signature"
		"$THIDUA" text --encoding vni "small/$file" >>got.txt || fail "$file: thidua text" ;;
	rtf/tcvn3)
		head -c 200 "small/$file" | grep -q '\\fonttbl{\\f0\\froman .VnTime;}' ||
			fail "$file: no .VnTime font table"
		"$THIDUA" text "small/$file" >>got.txt || fail "$file: thidua text" ;;
	docx/*)
		unzip -tq "small/$file" >/dev/null || fail "$file: not a valid zip"
		for part in '[[]Content_Types].xml' word/document.xml word/footnotes.xml; do
			unzip -p "small/$file" "$part" | xmllint --noout - || fail "$file: $part"
		done
		if [ "$enc" = tcvn3 ]; then
			unzip -p "small/$file" word/document.xml | grep -q 'w:ascii=".VnTime"' ||
				fail "$file: no .VnTime runs"
			docx_text "small/$file" | iconv -f UTF-8 -t CP1252 | tcvn3 >>got.txt ||
				fail "$file: not TCVN3 in cp1252 characters"
		else
			docx_text "small/$file" >>got.txt
		fi ;;
	*) fail "$file: unexpected $fmt/$enc" ;;
	esac
	compared=$((compared + 1))
done <rows.tsv
check '[ "$compared" -ge 50 ]' "only $compared legacy or Word documents compared"
# words: NFC, lower case, alphabetic words only (digits are ASCII in every encoding and the
# footnote markers differ between renderings), counted per document
words() {
	uconv -x nfc | sed 's/.*/\L&/' | grep -oE '^@@.*|[[:alpha:]][[:alnum:]]*' |
		awk '/^@@/ { f = $0; next } { print f "\t" $0 }' | LC_ALL=C sort | uniq -c
}
words <got.txt >got.words
words <ref.txt >ref.words
diff got.words ref.words >words.diff || { head -20 words.diff >&2; fail "words differ from the UTF-8 renderings"; }
CHECKS=$((CHECKS + compared))

# ---- truth files ----------------------------------------------------------------------------
T=$(ls small/truth/*/*.truth.json)
check '[ "$(jq -s length $T)" = "$rows" ]' "not one parsable truth file per document"
# jq reads broken UTF-8 without a word; iconv does not
check 'cat $T | iconv -f UTF-8 -t UTF-8 >/dev/null' "a truth file is not valid UTF-8"
# sentences begin with a capital (the seed's never start lower case after a full stop)
n=$(awk -F'\t' '$7 == "utf-8" && $6 == "txt" {print "small/" $1}' rows.tsv | xargs cat | uconv -x nfc |
	grep -oE '.{0,30}\. [[:lower:]].{0,20}' | head -3)
check '[ -z "$n" ]' "a sentence starts in lower case: $n"
check 'cat $(awk -F"\t" '"'"'$7 == "utf-8" && $6 == "txt" {print "small/" $1}'"'"' rows.tsv) | iconv -f UTF-8 -t UTF-8 >/dev/null' \
	"a UTF-8 document is not valid UTF-8"
# One pass over every truth file; each line it prints is a failure. What it checks:
#   basic facts are there;
#   totals: the parts add up to the sum, a total that disagrees is a planted mismatch;
#   the parts of a bloc award total are all and only the units' granted awards of the year
#     from a grantor of that level, of that award (and class);
#   what is inconsistent is planted, and what is planted is inconsistent: scores above their
#     maximum, ratios above their whole, malformed amounts, dates years off the title.
jq -r '. as $d | def fail(m): $d.file + ": " + m;
	(select((.synthetic == true and (.doc.number | test("^[0-9]+/BC-")) and (.members | length >= 3)
	   and (.awards | length > 10) and (.figures | length > 20)) | not) | fail("basic facts missing")),
	(.totals[] | . as $t
	 | (if .parts_of == "figures"
	    then [.parts[] | $d.figures[.] | if .kind == "rate" then .value * .times else .value end] | add // 0
	    else [([.parts[] | $d.awards[.] | .collectives // 0] | add // 0),
	          ([.parts[] | $d.awards[.] | .individuals // 0] | add // 0)] end) as $sum
	 | select($sum != .sum or (.agrees != (.stated == .sum))
	    or (.agrees == false and ([$d.inconsistencies[] | select(.kind == "total_mismatch"
	         and .evidence == $t.evidence)] | length) != 1))
	 | fail("total " + .what + " " + .unit + " " + (.sum | tostring) + " vs " + ($sum | tostring))),
	(.totals[] | select(.what == "awards") | . as $t
	 | ({"Chủ tịch nước": ["state"], "Thủ tướng Chính phủ": ["government"],
	     "Bộ, ngành": ["ministry", "region"], "Chủ tịch UBND tỉnh": ["province"],
	     "Thủ trưởng đơn vị": ["head"]}[.grantor]) as $levels
	 | ($t.awards | split("; ")) as $labels
	 | [range(0; $d.awards | length) as $i | $d.awards[$i] as $w
	    | select($w.scope == "unit" and $w.status == "granted" and $w.year == $d.doc.year
	        and ($levels | index($w.level)) and $w.award != "Điển hình tiên tiến"
	        and ($labels | index($w.award + (if ["Nhất", "Nhì", "Ba"] | index($w.class)
	                                          then " hạng " + $w.class else "" end))))
	    | $i] as $want
	 | select(($want | sort) != ($t.parts | sort)) | fail("award total " + $t.grantor + " " + $t.awards + " parts")),
	([.inconsistencies[].kind] as $k | def has(x): $k | index(x) != null;
	 (select((([.figures[] | select(.kind == "score" and .value > .of)] | length > 0) != has("score_over_max")))
	  | fail("score over its maximum vs planted")),
	 (select((([.figures[] | select(.kind == "ratio" and .value > .of)] | length > 0) != has("ratio_over_whole")))
	  | fail("ratio over its whole vs planted")),
	 (select((([.figures[] | select(.flags | index("malformed"))] | length > 0) != has("malformed_number")))
	  | fail("malformed flag vs planted")),
	 (select((([.figures[] | select(.kind == "money" and (.raw | test("^[0-9]+,[0-9]{3}\\.")))] | length > 0)
	    != has("malformed_number"))) | fail("malformed amount vs planted")),
	 (select(((((.doc.date[0:4] | tonumber) - .doc.year) as $lag | $lag != 0 and $lag != 1)
	    != has("date_year_mismatch"))) | fail("date year vs planted")))' $T >bad.txt ||
	fail "jq could not check the truth files"
check '[ ! -s bad.txt ]' "$(head -3 bad.txt)"
# evidence, names and figures are in the text; page breaks join where the truth says. The
# UTF-8 text documents of corpus-small (BOM, CRLF and markdown residue dropped by awk, NFD
# composed by uconv); one jq lists every string, one awk finds them.
mkdir -p norm
for f in $(jq -r 'select(.format == "txt" and .encoding == "utf-8" and .text.nfd) | .file' $T); do
	uconv -x nfc <"small/$f" >"norm/$(basename "$f")"
done
jq -r 'select(.format == "txt" and .encoding == "utf-8")
	| ("small/" + .file) as $f
	| ([.awards[].evidence, .campaigns[].name, .figures[].raw, .totals[].evidence,
	    (.inconsistencies[] | select(.evidence != "") | .evidence),
	    .units[].written[], .doc.number, .doc.title] | .[] | [$f, "in", .]),
	  (.page_breaks[] | [$f, "end", .before], [$f, "start", .after]),
	  [$f, "dup", ([.inconsistencies[] | select(.kind == "duplicate_section")] | length)]
	| @tsv' $T >strings.tsv || fail "jq could not list the strings"
# the awk also counts repeated item numbers in PHẦN II, to compare with the planted ones
awk -F'\t' '
	function slurp(f,   line, s, n, in2, seen) {
		n = f; sub(/.*\//, "norm/", n)
		if ((getline line < n) > 0) { close(n); f = n }
		s = ""; in2 = 0; dups = 0; split("", seen)
		while ((getline line < f) > 0) {
			sub(/\r$/, "", line)
			if (line == "PHẦN II") in2 = 1
			if (in2 && match(line, /^[0-9]+\. /)) {
				k = substr(line, 1, RLENGTH)
				if (seen[k]++ == 1) dups++
			}
			s = s line "\n"
		}
		close(f)
		sub(/^\357\273\277/, "", s)
		gsub(/\*/, "", s)
		return "\n\n" s "\n"
	}
	$1 != cur { cur = $1; text = slurp(cur) }
	$2 == "in" && !index(text, $3) { print cur ": not in the text: " $3; bad++ }
	$2 == "end" && !index(text, $3 "\n\n") { print cur ": no paragraph ends with: " $3; bad++ }
	$2 == "start" && !index(text, "\n\n" $3) { print cur ": no paragraph starts with: " $3; bad++ }
	$2 == "dup" && $3 != dups { print cur ": " dups " repeated item numbers, " $3 " planted"; bad++ }
	END { exit bad > 0 }' strings.tsv >missing.txt || fail "$(head -3 missing.txt)"
CHECKS=$((CHECKS + $(wc -l <strings.tsv)))
# across the years of a bloc: a unit in the reports of the year before and after but not in
# this one is a planted gap; joined and left follow the membership of the year before
jq -s -r 'map(select(.duplicate == null)) | group_by(.province + .bloc)[]
	| (map({key: (.doc.year | tostring), value: .}) | from_entries) as $by
	| .[] | . as $d | ($by[(.doc.year - 1) | tostring]) as $p | ($by[(.doc.year + 1) | tostring]) as $n
	| ([.inconsistencies[] | select(.kind == "unit_gap") | .unit] | sort) as $planted
	| (select($p != null and $n != null)
	   | ([$p.members[] as $u | select(($n.members | index($u)) and ($d.members | index($u) | not)) | $u]
	      | sort) as $gaps
	   | select($gaps != $planted) | .file + ": unit gaps not as planted"),
	  (select($p != null)
	   | ([$p.inconsistencies[] | select(.kind == "unit_gap") | .unit]) as $pg
	   | ((.members + $planted) | sort) as $now | (($p.members + $pg) | sort) as $before
	   | select(($now - $before | sort) != (.joined | sort) or ($before - $now | sort) != (.left | sort))
	   | .file + ": joined/left disagree with the members")' $T >bad.txt ||
	fail "jq could not compare the years"
check '[ ! -s bad.txt ]' "$(head -3 bad.txt)"
# duplicates: a copy is the same bytes; a revised version has the same number and date
while IFS=$'\t' read -r file truth prov bloc year fmt enc bytes num dup; do
	[ -n "$dup" ] || continue
	orig="$(dirname "small/$file")/$dup"
	ot="$(dirname "small/$truth")/${dup%.*}.truth.json"
	case "$(jq -r .duplicate.same "small/$truth")" in
	text) cmp -s "small/$file" "$orig" || fail "$file: not a byte copy of $dup" ;;
	number)
		cmp -s "small/$file" "$orig" && fail "$file: a revised version with the same bytes"
		[ "$(jq -r '.doc.number + .doc.date' "small/$truth")" = "$(jq -r '.doc.number + .doc.date' "$ot")" ] ||
			fail "$file: not the number and date of $dup" ;;
	*) fail "$file: unknown duplicate kind" ;;
	esac
	jq -e '[.inconsistencies[] | select(.kind == "duplicate_document")] | length == 1' \
		"small/$truth" >/dev/null || fail "$file: duplicate not recorded"
	CHECKS=$((CHECKS + 2))
done <rows.tsv
# every kind of planted inconsistency occurs in corpus-small, so the audit's test means something
kinds=" $(jq -r '.inconsistencies[].kind' $T | sort -u | tr '\n' ' ')"
for k in total_mismatch malformed_number duplicate_section ratio_list_mismatch ratio_over_whole \
	date_year_mismatch score_over_max unit_gap duplicate_document; do
	check 'case "$kinds" in *" $k "*) true ;; *) false ;; esac' "no planted $k in corpus-small (have:$kinds)"
done

# ---- indexing -------------------------------------------------------------------------------
# two documents of every format; a format without a reader in this build is reported, the
# others must index without a failure
: >index.list
for f in "txt utf-8" "txt tcvn3" "txt vni" "rtf tcvn3" "docx utf-8" "docx tcvn3"; do
	awk -F'\t' -v f="$f" '$6 " " $7 == f {print "small/" $1}' rows.tsv | head -2 >two.list
	if "$THIDUA" text "$(head -1 two.list)" >/dev/null 2>err.txt; then
		cat two.list >>index.list
	elif grep -q "unsupported file type" err.txt; then
		echo "note: no reader for $f in this build; not indexed"
	else
		fail "$(head -1 two.list): $(cat err.txt)"
	fi
done
xargs "$THIDUA" index --db gen.db <index.list >index.out 2>&1 || { cat index.out >&2; fail "thidua index failed"; }
n=$(wc -l <index.list)
check 'grep -q "$n indexed, 0 unchanged, 0 removed, 0 failed" index.out' "not all $n indexed: $(cat index.out)"
done_ok
