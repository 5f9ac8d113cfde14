# thidua trend and thidua audit, against independent truth: the seed as a person reads it,
# and the ground truth thidua-gen writes with corpus-small (docs/corpus.md).
#
# On corpus-small every difference between what thidua says and what the truth says is
# listed. Differences known to come from extraction (figures, units, awards not yet read:
# branch facts2's work) are in tests/fixtures/trend/known-gaps.txt with their reason; any
# other difference fails the test. A known gap that no longer occurs is printed (remove it
# from the list), so the list shrinks as extraction improves.
. "$TOP/tests/cli/lib.sh"

# ---------------------------------------------------------------- the seed
run index --db seed.db "$SEED"
expect_rc 0
run audit --db seed.db --format tsv
expect_rc 0
expect_eq "$(printf '%s\n' "$OUT" | head -1)" \
	"$(printf 'check\tseverity\tdoc\tpath\tpassage\tmessage\tevidence')" "audit fields"
# the report writes 82,295.000 đồng for 82 295 000 đồng, and numbers two tasks "5." in PHẦN II
printf '%s\n' "$OUT" | awk -F'\t' '$1 == "malformed_number" && $7 ~ /^82,295\.000/' | grep -q . ||
	fail "seed: no malformed_number for 82,295.000 đồng"
printf '%s\n' "$OUT" | awk -F'\t' '$1 == "duplicate_section" && $6 ~ /5\. appears twice in PHẦN II$/' |
	grep -q . || fail "seed: no duplicate_section 5. in PHẦN II"
# "tặng 01, Huân chương Lao động hạng Nhì": a stray comma after a count, a typo too
printf '%s\n' "$OUT" | awk -F'\t' '$1 == "malformed_number" && $7 ~ /^01 Huân chương/' | grep -q . ||
	fail "seed: no malformed_number for 01, Huân chương"
# "… và hỗ trợ cho 02 gia đình … với tổng số tiền 4.000.000 đồng" is the cost of that one
# activity, not the total of the amounts before it in VKSND's item
printf '%s\n' "$OUT" | awk -F'\t' '$1 == "total_mismatch" && $7 ~ /^4\.000\.000/' | grep -q . &&
	fail "seed: a clause's own amount taken for a total"
CHECKS=$((CHECKS + 4))
run audit --db seed.db --check nonsense
expect_rc 2
expect_err "unknown check"

# the bloc's summary against the units' awards in the footnote it cites: the state's and the
# government's awards share one list of recipients, checked for the group (1 + 1 tập thể,
# 0 + 1 cá nhân: not 3); the province's Bằng khen and the heads' Giấy khen add up
cat >bloc.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2009

Kết quả khen thưởng năm 2009, toàn Khối có 02/02 đơn vị được tặng thưởng nhiều danh hiệu cao quý trong các phong trào thi đua, như: Thủ tướng Chính phủ tặng 01 Cờ thi đua, 01 Bằng khen cho 02 tập thể và 03 cá nhân; Chủ tịch UBND tỉnh tặng Bằng khen cho 05 tập thể, 09 cá nhân; Thủ trưởng các đơn vị tặng Giấy khen cho 10 tập thể, 20 cá nhân⁵.

⁵ - Công an tỉnh: Chủ tịch UBND tỉnh tặng Bằng khen cho 03 tập thể, 04 cá nhân; Giám đốc Công an tỉnh tặng Giấy khen cho 06 tập thể, 12 cá nhân; Thủ tướng Chính phủ tặng Cờ thi đua cho 01 tập thể.

- Sở Tư pháp: Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể, 05 cá nhân; Giám đốc Sở Tư pháp tặng Giấy khen cho 04 tập thể, 08 cá nhân; Thủ tướng Chính phủ tặng Bằng khen cho 01 tập thể, 01 cá nhân.
EOF
run index --db bloc.db bloc.txt
expect_rc 0
run audit --db bloc.db --check total_mismatch --format tsv
expect_rc 0
expect_eq "$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { print $7 }')" \
	"01 Cờ thi đua, 01 Bằng khen cho 02 tập thể và 03 cá nhân" "the bloc summary's wrong total"
# written right, nothing to report; with a unit's item missing, nothing can be said
sed 's/và 03 cá nhân/và 01 cá nhân/' bloc.txt >bloc-ok.txt
run index --db bloc-ok.db bloc-ok.txt
run audit --db bloc-ok.db --check total_mismatch --format tsv
expect_eq "$(printf '%s\n' "$OUT" | awk 'NR > 1' | wc -l)" 0 "a bloc summary that adds up"
sed 's/02\/02 đơn vị/03\/03 đơn vị/' bloc.txt >bloc-part.txt
run index --db bloc-part.db bloc-part.txt
run audit --db bloc-part.db --check total_mismatch --format tsv
expect_eq "$(printf '%s\n' "$OUT" | awk 'NR > 1' | wc -l)" 0 "a footnote without every member's item"

# mismatches FILE: how many total_mismatch findings the audit makes of FILE alone
mismatches() {
	run index --db "$1.db" "$1"
	run audit --db "$1.db" --check total_mismatch --format tsv
	rm -f "$1".db*
	printf '%s\n' "$OUT" | awk 'NR > 1' | wc -l
}

# an item that reports the year before first ("Năm 2008, …. …"): its first sentence is that
# year's, its second may be either year's, all of it at once, collectives and individuals
# together — 2 + 5 or 5 + 9, not 4 + 7 in between; two sentences on, the report's year
cat >blocyear.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2009

Kết quả khen thưởng năm 2009, toàn Khối có 02/02 đơn vị được tặng thưởng nhiều danh hiệu cao quý trong các phong trào thi đua, như: Chủ tịch UBND tỉnh tặng Bằng khen cho STATED; Thủ trưởng các đơn vị tặng Giấy khen cho 10 tập thể, 20 cá nhân⁵.

⁵ - Công an tỉnh: Năm 2008, Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể, 02 cá nhân. SECOND Chủ tịch UBND tỉnh tặng Bằng khen cho 03 tập thể, 04 cá nhân; Giám đốc Công an tỉnh tặng Giấy khen cho 06 tập thể, 12 cá nhân.

- Sở Tư pháp: Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể, 05 cá nhân; Giám đốc Sở Tư pháp tặng Giấy khen cho 04 tập thể, 08 cá nhân.
EOF
for c in "05 tập thể, 09 cá nhân||0" "02 tập thể, 05 cá nhân||0" "04 tập thể, 07 cá nhân||1" \
	"02 tập thể, 05 cá nhân|Đơn vị làm tốt công tác. |1"; do
	IFS='|' read -r stated second want <<<"$c"
	sed -e "s/STATED/$stated/" -e "s/SECOND /$second/" blocyear.txt >by.txt
	expect_eq "$(mismatches by.txt)" "$want" "stated $stated, '$second'"
done
# an item whose "Năm 2008," a page break parted from that year's awards (the text after it
# is the body's): what the footnote adds up to says nothing of the summary; without the
# label the same item is one with no awards: 9 + 9 is not 2 + 5, nor 10 + 20 Giấy khen 4 + 8
sed -e 's/STATED/09 tập thể, 09 cá nhân/' \
	-e 's/: Năm 2008, Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể, 02 cá nhân\. SECOND .*/: LABEL hiện đồng bộ tốt cả 04 khâu./' \
	blocyear.txt >bylost.txt
grep -q ": LABEL hiện" bylost.txt || fail "bylost.txt: the item was not replaced"
for c in "Năm 2008, |0" "|2"; do
	IFS='|' read -r label want <<<"$c"
	sed "s/LABEL /$label/" bylost.txt >bl.txt
	expect_eq "$(mismatches bl.txt)" "$want" "an item '$label' without its awards"
done

# a title written with its level and no grantor ("đạt danh hiệu “Chiến sĩ thi đua cấp
# tỉnh”") is the province's to give: it leaves the ministries' count of the kind checked
# (02 is not 01; the province's is not, its grantor unwritten); with the kind's own name,
# either group's, nothing can be said
cat >blocstd.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2009

Kết quả khen thưởng năm 2009, toàn Khối có 02/02 đơn vị được tặng thưởng nhiều danh hiệu cao quý trong các phong trào thi đua, như: Bộ, ngành tặng danh hiệu “Chiến sĩ thi đua cấp Bộ” cho 02 cá nhân; Chủ tịch UBND tỉnh tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh” cho 01 cá nhân; Thủ trưởng các đơn vị tặng Giấy khen cho 10 tập thể, 20 cá nhân⁵.

⁵ - Công an tỉnh: Bộ trưởng Bộ Công an tặng danh hiệu “Chiến sĩ thi đua cấp Bộ” cho 01 cá nhân; Giám đốc Công an tỉnh tặng Giấy khen cho 06 tập thể, 12 cá nhân.

- Sở Tư pháp: 01 cá nhân đạt danh hiệu “Chiến sĩ thi đua TITLE”; Giám đốc Sở Tư pháp tặng Giấy khen cho 04 tập thể, 08 cá nhân.
EOF
for c in "cấp tỉnh|1" "cấp bộ, ngành, tỉnh|0"; do
	IFS='|' read -r title want <<<"$c"
	sed "s/TITLE/$title/" blocstd.txt >bs.txt
	expect_eq "$(mismatches bs.txt)" "$want" "a unit's “Chiến sĩ thi đua $title”"
done

# the bloc's money total against the units' own totals in the footnote it cites (6 + 4 is
# not 11 million); written right, or with a unit's item whose unit is not read, nothing
cat >blocmoney.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2011

Các đơn vị tích cực tham gia các hoạt động xã hội, tổng giá trị các hoạt động xã hội, từ thiện của các đơn vị trong Khối là 11.000.000 đồng³:

³ - Công an tỉnh: Ủng hộ Quỹ khuyến học 2.000.000 đồng; tặng 05 suất quà trị giá 4.000.000 đồng. Tổng số tiền ủng hộ của đơn vị là 6.000.000 đồng.

- Sở Tư pháp: Ủng hộ Quỹ vì người nghèo 4.000.000 đồng. Tổng số tiền ủng hộ của đơn vị là 4.000.000 đồng.
EOF
run index --db blocmoney.db blocmoney.txt
expect_rc 0
run audit --db blocmoney.db --check total_mismatch --format tsv
expect_eq "$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { print $6 " | " $7 }')" \
	"the bloc's stated total 11000000 đồng; the 2 units' totals in its footnote sum to 10000000 | 11.000.000 đồng" \
	"the bloc's money total that its units' totals do not make"
sed 's/là 11.000.000 đồng/là 10.000.000 đồng/' blocmoney.txt >blocmoney-ok.txt
sed 's/- Sở Tư pháp:/- Một đơn vị khác:/' blocmoney.txt >blocmoney-part.txt
for f in blocmoney-ok blocmoney-part; do
	run index --db $f.db $f.txt
	run audit --db $f.db --check total_mismatch --format tsv
	expect_eq "$(printf '%s\n' "$OUT" | awk 'NR > 1' | wc -l)" 0 "$f: nothing to say"
done

# a unit's awards against the total it states: the list is whole when proposals close it
# ("Lập hồ sơ đề nghị …; đề nghị …") or it ends the document (a tail comes after its cut),
# and 20 cá nhân is not the 10 it lists; written right, nothing
cat >unitawards.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2015

Kết quả khen thưởng năm 2015 của các đơn vị trong Khối⁵.

⁵ - Sở Y tế: Năm 2015 đơn vị có 05 lượt tập thể, 20 cá nhân được các cấp khen thưởng. Trong đó: Giám đốc Sở Y tế tặng Giấy khen cho 03 tập thể, 10 cá nhân; 02 tập thể được công nhận danh hiệu “Tập thể lao động tiên tiến”. Lập hồ sơ đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 01 tập thể; đề nghị Chủ tịch UBND tỉnh công nhận danh hiệu “Chiến sĩ thi đua cấp tỉnh” cho 02 cá nhân.

- Sở Tư pháp: Năm 2015 đơn vị có 02 lượt tập thể, 09 cá nhân được các cấp khen thưởng. Trong đó: Giám đốc Sở Tư pháp tặng Giấy khen cho 02 tập thể, 04 cá nhân; công nhận danh hiệu “Lao động tiên tiến” cho 05 cá nhân.
EOF
run index --db unitawards.db unitawards.txt
expect_rc 0
run audit --db unitawards.db --check total_mismatch --format tsv
expect_eq "$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { print $6 }')" \
	"stated 5 tập thể, 20 cá nhân awarded; the awards listed give 5 tập thể, 10 cá nhân" \
	"a unit's stated awards against a list its proposals close"
sed 's/05 lượt tập thể, 20 cá nhân/05 lượt tập thể, 10 cá nhân/; s/02 lượt tập thể, 09 cá nhân/02 lượt tập thể, 19 cá nhân/' \
	unitawards.txt >unitawards-last.txt
run index --db unitawards-last.db unitawards-last.txt
run audit --db unitawards-last.db --check total_mismatch --format tsv
expect_eq "$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { print $6 }')" \
	"stated 2 tập thể, 19 cá nhân awarded; the awards listed give 2 tập thể, 9 cá nhân" \
	"a unit's stated awards against the list that ends the document"
sed 's/05 lượt tập thể, 20 cá nhân/05 lượt tập thể, 10 cá nhân/' unitawards.txt >unitawards-ok.txt
run index --db unitawards-ok.db unitawards-ok.txt
run audit --db unitawards-ok.db --check total_mismatch --format tsv
expect_eq "$(printf '%s\n' "$OUT" | awk 'NR > 1' | wc -l)" 0 "unitawards-ok: nothing to say"

# a money total is the sum of one unit's item: a dash paragraph about no unit is the tail of
# an item cut by a page break ("… nhân ngày Thương binh" | "- Liệt sĩ, …"), its other amounts
# before the break
cat >money.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2009

Các đơn vị trong Khối tổ chức tốt các hoạt động văn hóa, văn nghệ, thể dục thể thao chào mừng các ngày lễ lớn.

- Liệt sĩ, trị giá 7.800.000 đồng; quyên góp 4.650.000 đồng sửa nhà cho hộ gia đình có hoàn cảnh khó khăn. Tổng số tiền ủng hộ của đơn vị là 185.052.200 đồng.

- Hội Nông dân tỉnh: Ủng hộ Quỹ khuyến học 2.000.000 đồng; tặng 05 suất quà trị giá 3.000.000 đồng. Tổng số tiền ủng hộ của đơn vị là 6.000.000 đồng.
EOF
run index --db money.db money.txt
expect_rc 0
run audit --db money.db --check total_mismatch --format tsv
expect_rc 0
expect_eq "$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { print $7 }')" "6.000.000 đồng" \
	"the unit's total, not the cut item's tail"

# a term the seed's 2020 report uses: one row per year asked, years without it are zero
run trend --db seed.db --year 2018-2021 --format json covid
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[].year]')" "[2018,2019,2020,2021]" "years filled"
expect_eq "$(printf '%s' "$OUT" | jq -c '[.[] | select(.year != 2020) | .passages] | add')" "0" \
	"years without the term"
# the seed is one paragraph per line: lines that name Covid (any accents, case, "Covid - 19")
want=$(grep -ci 'covid' "$SEED")
expect_eq "$(printf '%s' "$OUT" | jq '.[] | select(.year == 2020) | .passages')" "$want" \
	"passages naming Covid in the seed"
run trend --db seed.db covid
expect_rc 0
expect_out "█" "table bars"
# --svg: well-formed XML (xmllint), one bar per row carrying the row's value, the
# Vietnamese title and axis names as UTF-8 text
run trend --db seed.db --year 2018-2021 --format json --svg chart.svg "Covid"
expect_rc 0
CHECKS=$((CHECKS + 1))
xmllint --noout chart.svg 2>xml.err || fail "chart.svg is not well-formed: $(cat xml.err)"
expect_eq "$(xmllint --xpath 'count(//*[local-name()="rect"][@class="bar"])' chart.svg)" 4 "bars"
expect_eq "$(xmllint --xpath 'string(//*[local-name()="rect"][@data-label="2020"]/@data-value)' chart.svg)" \
	"$want" "the 2020 bar's value"
expect_eq "$(xmllint --xpath 'string(//*[local-name()="rect"][@data-label="2019"]/@data-value)' chart.svg)" \
	"0" "the 2019 bar's value"
grep -q '>năm</text>' chart.svg || fail "no axis name 'năm' in chart.svg"
CHECKS=$((CHECKS + 1))
run trend --db seed.db --award "bằng khen" --svg chart2.svg --format json
expect_rc 0
expect_eq "$(xmllint --xpath 'string(/*[local-name()="svg"]/*[local-name()="title"])' chart2.svg)" \
	"Khen thưởng: bằng khen" "chart title"
expect_eq "$(xmllint --xpath 'string(//*[local-name()="rect"][@data-label="2020"]/@data-value)' chart2.svg)" \
	"$(printf '%s' "$OUT" | jq '.[] | select(.year == 2020) | .collectives')" "award chart = collectives"
run trend --db seed.db --svg /nonexistent/dir/c.svg covid
expect_rc 2
expect_err "/nonexistent/dir/c.svg"

run --version
expect_rc 0
expect_out "thidua "
printf '%s' "$OUT" | grep -Eq '^thidua [0-9]+\.[0-9]+\.[0-9]+ ' || fail "--version: $OUT"

# unit_gap among units that share an inventory unit (district governments: "Ủy ban nhân
# dân cấp huyện"): Tri Tôn is in the 2019 and 2021 reports of the bloc, not in 2020's (nor
# in its copy); Châu Phú is in all three, written "Hòa"/"Hoà" by turns, which is one unit
# and no gap; the province is "Hoà Bình" in 2020, the same bloc; Công an tỉnh, named three
# times in 2019's and 2021's running text but with no item of its own, is no member
gap_report() { # year, place, then the district names the report is about
	y=$1 place=$2
	shift 2
	printf 'UBND TỈNH HÒA BÌNH\n\nKHỐI CÁC HUYỆN PHÍA NAM\n\nSố: %s/BC-KHPN\n\n' "$y"
	printf '%s, ngày 12 tháng 12 năm %s\n\nBÁO CÁO\n\nTổng kết công tác thi đua năm %s\n\n' "$place" "$y" "$y"
	[ "$y" = 2020 ] ||
		printf 'Các đơn vị phối hợp với Công an tỉnh giữ gìn an ninh; Công an tỉnh tổ chức tập huấn; Công an tỉnh tham gia hội thi.\n\n'
	for u in "$@"; do
		printf -- '- Ủy ban nhân dân huyện %s: tổ chức 05 hội thi. Ủy ban nhân dân huyện %s phát động thi đua. Chủ tịch Ủy ban nhân dân huyện %s tặng Giấy khen cho 03 tập thể.\n\n' "$u" "$u" "$u"
	done
}
mkdir -p gaps
gap_report 2019 "Hòa Bình" "Tri Tôn" "Châu Phú" "Hòa Thành" >gaps/2019.txt
gap_report 2020 "Hoà Bình" "Châu Phú" "Hoà Thành" >gaps/2020.txt
cp gaps/2020.txt gaps/2020-ban-sao.txt
gap_report 2021 "Hòa Bình" "Tri Tôn" "Châu Phú" "Hòa Thành" >gaps/2021.txt
run index --db gaps.db gaps
expect_rc 0
run audit --db gaps.db --check unit_gap --format tsv
expect_eq "$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { n = split($4, p, "/"); print p[n] ": " $7 }' | sort)" \
	"$(printf '2020-ban-sao.txt: Ủy ban nhân dân huyện Tri Tôn\n2020.txt: Ủy ban nhân dân huyện Tri Tôn')" \
	"the district that left the 2020 report and its copy, and no other"

# unit_gap across encodings: TCVN3 has no capital letter with a tone mark, so its writers put
# the small one ("Trường THPT ý Yên"): the same school, read in 2020's TCVN3 report, while
# Trường THPT Giao Thủy, missing there, is a gap
to_tcvn3() { # UTF-8 on stdin, TCVN3 bytes out, by the table the decoder reads
	LC_ALL=C sed -f <(awk -F'\t' '!/^#/ && $2 ~ /^U\+[0-9A-F]+$/ && $2 !~ /^U\+(03|00A0)/ {
		printf "s/%s/\\x%s/g\n", $3, $1 }' "$TOP/data/codepages/tcvn3.tsv")
}
school_report() { # year, then the schools' place names
	y=$1
	shift
	printf 'Sở Giáo dục và Đào tạo tỉnh Nam Định\n\nKhối các trường THPT\n\nSố: %s/BC-KTHPT\n\n' "$y"
	printf 'Nam Định, ngày 15 tháng 12 năm %s\n\nBáo cáo\n\nTổng kết công tác thi đua năm %s\n\n' "$y" "$y"
	for u in "$@"; do
		printf -- '- Trường THPT %s: tổ chức 05 hội thi giáo viên dạy giỏi, phát động phong trào thi đua dạy tốt, học tốt; tặng 12 suất quà cho học sinh nghèo vượt khó.\n\n' "$u"
	done
}
mkdir -p tcvn
school_report 2019 "ý Yên" "Hải Hậu" "Giao Thủy" >tcvn/2019.txt
school_report 2020 "ý Yên" "Hải Hậu" | to_tcvn3 >tcvn/2020.txt
school_report 2021 "ý Yên" "Hải Hậu" "Giao Thủy" >tcvn/2021.txt
sed -i 's/ý Yên/Ý Yên/' tcvn/2019.txt tcvn/2021.txt
run index --db tcvn.db tcvn
expect_rc 0
expect_eq "$(sql tcvn.db "SELECT encoding FROM documents WHERE path LIKE '%2020.txt'")" tcvn3 \
	"2020's report read as TCVN3"
run audit --db tcvn.db --check unit_gap --format tsv
expect_eq "$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { n = split($4, p, "/"); print p[n] ": " $7 }')" \
	"2020.txt: Trường THPT Giao Thủy" "the school missing from the TCVN3 report, and no other"
run units --db tcvn.db --format tsv
printf '%s\n' "$OUT" | grep -q "^Trường THPT Ý Yên	" || fail "the school's name with its capital: $OUT"
CHECKS=$((CHECKS + 1))

# duplicate_document: a revised version with the same number and year, its place typed with
# the tone elsewhere ("Khánh Hoà" for "Khánh Hòa"), is the same document
mkdir -p dups
for v in "Khánh Hòa:Năm 2011 các đơn vị" "Khánh Hoà:Năm 2011, các đơn vị trong Khối"; do
	printf 'UBND TỈNH KHÁNH HÒA\n\nKHỐI THI ĐUA NỘI CHÍNH\n\nSố: 290/BC-KTĐNC\n\n%s, ngày 25 tháng 12 năm 2011\n\nBÁO CÁO\n\nTổng kết công tác thi đua năm 2011\n\n%s thực hiện tốt phong trào thi đua.\n' \
		"${v%%:*}" "${v#*:}" >"dups/$(printf '%s' "${v%%:*}" | md5sum | cut -c1-8).txt"
done
run index --db dups.db dups
run audit --db dups.db --check duplicate_document --format tsv
expect_eq "$(printf '%s\n' "$OUT" | awk 'NR > 1' | wc -l)" 1 "the revised version, whatever its place's tone"

run trend --db seed.db --award "bằng khen" --figure "suất quà"
expect_rc 2
run trend --db seed.db
expect_rc 2

# ---------------------------------------------------------------- corpus-small
GEN="$(dirname "$THIDUA")/thidua-gen"
"$GEN" --preset small --quiet --out gen 2>gen.err || { cat gen.err >&2; fail "thidua-gen"; }
"$THIDUA" index --db gen.db gen/docs >index.out 2>&1 || { cat index.out >&2; fail "index corpus-small"; }
: >diffs.txt

# audit: every planted inconsistency, and nothing else
for f in gen/truth/*/*.json; do
	jq -r '.file as $f | .inconsistencies[]? | [($f | split("/") | last), .kind] | @tsv' "$f"
done | sort >truth-audit.tsv
run audit --db gen.db --format tsv
expect_rc 0
printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { n = split($4, p, "/"); print p[n] "\t" $1 }' |
	sort >got-audit.tsv
comm -23 truth-audit.tsv got-audit.tsv | sed 's/^/audit missed\t/' >>diffs.txt
comm -13 truth-audit.tsv got-audit.tsv | sed 's/^/audit extra\t/' >>diffs.txt
printf 'audit: %d planted, %d found, %d missed, %d extra\n' "$(wc -l <truth-audit.tsv)" \
	"$(comm -12 truth-audit.tsv got-audit.tsv | wc -l)" \
	"$(comm -23 truth-audit.tsv got-audit.tsv | wc -l)" "$(comm -13 truth-audit.tsv got-audit.tsv | wc -l)"

# trend: compare year by year with the truth. $1 name, $2 jq program over all truth files
# giving "year<TAB>measures…" lines, then the thidua trend arguments; the JSON fields
# compared are given in $TREND_FIELDS.
trend_vs_truth() {
	name=$1 prog=$2
	shift 2
	cat gen/truth/*/*.json | jq -r "$prog" |
		awk -F'\t' '{ for (i = 2; i <= NF; i++) s[$1, i] += $i; n[$1] = NF }
			END { for (y in n) { line = y; for (i = 2; i <= n[y]; i++) line = line "\t" s[y, i]; print line } }' |
		sort >truth-trend.tsv
	run trend --db gen.db --format json "$@"
	expect_rc 0
	printf '%s' "$OUT" | jq -r ".[] | select($TREND_NONZERO) | [.year, $TREND_FIELDS] | @tsv" |
		sort >got-trend.tsv
	join -a1 -a2 -e- -t"$(printf '\t')" -o auto truth-trend.tsv got-trend.tsv |
		awk -F'\t' -v n="$name" '{ k = (NF - 1) / 2; d = 0
			for (i = 2; i <= 1 + k; i++) if ($i != $(i + k)) d = 1
			if (d) { printf "trend %s\t%s\ttruth", n, $1; for (i = 2; i <= 1 + k; i++) printf " %s", $i
				printf " thidua"; for (i = 2 + k; i <= NF; i++) printf " %s", $i; printf "\n" } }' \
		>trend-diff.txt
	printf 'trend %s: %d years, %d differ\n' "$name" "$(wc -l <truth-trend.tsv)" "$(wc -l <trend-diff.txt)"
	cut -f1,2 trend-diff.txt >>diffs.txt
}

# awards: granted Bằng khen, the units' own facts (the bloc summary restates them)
TREND_FIELDS='.collectives, .individuals' TREND_NONZERO='.collectives + .individuals > 0' \
	trend_vs_truth award:bang-khen \
	'.awards[] | select(.award == "Bằng khen" and .status == "granted" and .scope == "unit") |
	 [.year, (.collectives // 0), (.individuals // 0)] | @tsv' --award "bằng khen"
# figures: gift parcels (suất quà), counted and summed in the year of their report
TREND_FIELDS='.count, .sum' TREND_NONZERO='.count > 0' trend_vs_truth figure:suat-qua \
	'.doc.year as $y | .figures[] | select(.noun == "suất quà") | [$y, 1, .value] | @tsv' \
	--figure "suất quà"
# campaigns: the reports that name "Đền ơn đáp nghĩa", whatever their spelling
TREND_FIELDS='.documents' TREND_NONZERO='.documents > 0' trend_vs_truth campaign:den-on \
	'select(any(.campaigns[]; .normalized == "Đền ơn đáp nghĩa")) | [.doc.year, 1] | @tsv' \
	--campaign "Đền ơn đáp nghĩa"

# the differences against the known gaps
known="$TOP/tests/fixtures/trend/known-gaps.txt"
# the reason is the last field of a line
grep -v '^#' "$known" | awk -F'\t' -v OFS='\t' 'NF > 1 { NF--; print }' | sort -u >known.txt
sed 's/\t*$//' diffs.txt | sort -u >now.txt
new=$(comm -13 known.txt now.txt)
fixed=$(comm -23 known.txt now.txt)
[ -z "$fixed" ] || printf 'known gaps that no longer occur (remove them from %s):\n%s\n' "$known" "$fixed"
CHECKS=$((CHECKS + 1))
[ -z "$new" ] || fail "differences from the truth not in known-gaps.txt:
$new"
done_ok
