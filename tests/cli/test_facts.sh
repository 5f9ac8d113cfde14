# Issue 6: the seed read like an auditor — header, footnotes, page breaks, units, campaigns,
# awards — checked against the report as a person reads it (tests/golden/, written by hand).
. "$TOP/tests/cli/lib.sh"
SCORE="$TOP/build/asan/factscore"
HEADERS="$TOP/tests/fixtures/headers"

run index --db seed.db "$SEED"
expect_rc 0

# --- precision and recall per fact kind against the gold file: at least 0.98 each
OUT=$("$SCORE" seed.db "$TOP/tests/golden" -v 2>&1) || fail "factscore failed: $OUT"
printf '%s\n' "$OUT" | grep '^#' >&2
for kind in units campaigns awards; do
	line=$(printf '%s\n' "$OUT" | awk -F'\t' -v k="$kind" '$1==k')
	[ -n "$line" ] || fail "no score for $kind"
	printf '%s\n' "$line" | awk -F'\t' '{ exit !($5 >= 0.98 && $6 >= 0.98) }' ||
		fail "$kind below 0.98: $line"
	CHECKS=$((CHECKS + 1))
done

# --- header and foot (the seed's header starts at Số:)
run docs --db seed.db --format tsv
expect_eq "$(tsv_col number)" "234/BC-KTĐNC" "số/ký hiệu"
expect_eq "$(tsv_col doc_type)" "BC" "type code"
expect_eq "$(tsv_col issuer_code)" "KTĐNC" "issuer code"
expect_eq "$(tsv_col place)" "Tuyên Quang" "place"
expect_eq "$(tsv_col signer)" "Vũ Đức Thọ" "signer"
expect_eq "$(tsv_col signer_role)" "TM. KHỐI THI ĐUA NỘI CHÍNH / TRƯỞNG KHỐI NĂM 2020 / PHÓ CHÁNH THANH TRA TỈNH" "signer role"
expect_eq "$(tsv_col issuer)" "KHỐI THI ĐUA NỘI CHÍNH" "issuer from the TM. block"
run show --db seed.db 1
expect_out "- Lãnh đạo Thanh tra tỉnh;"
expect_out "Tổng kết công tác thi đua, khen thưởng năm 2020 phương hướng"

# --- the sentence footnote 1 cut is whole again, and the footnote is its own passage
run search --db seed.db --format tsv '"chủ động xây dựng kế hoạch phát động"'
expect_eq "$(tsv_rows)" "1" "the cut sentence is found as a phrase"
run search --db seed.db --format tsv '"Tòa án nhân dân huyện Chiêm Hóa, huyện Lâm Bình phối hợp"'
expect_eq "$(tsv_rows)" "1" "footnote 3 goes on at the foot of the next page"
run show --db seed.db --format tsv 1
printf '%s\n' "$OUT" | awk -F'\t' '$3=="footnote" && $4=="1"' | grep -q "Chỉ thị số 34-CT/TW" ||
	fail "footnote 1 is not a footnote passage"
cites=$(printf '%s\n' "$OUT" | awk -F'\t' '$3=="footnote" && $4=="1" {print $5}')
printf '%s\n' "$OUT" | awk -F'\t' -v c="$cites" '$1==c' | grep -q "khen thưởng⁽¹⁾" ||
	fail "footnote 1 does not link to the passage citing it"
# the tail of footnote 5 under "1. Ưu điểm" is footnote 5, about VKSND tỉnh
printf '%s\n' "$OUT" | awk -F'\t' '$3=="footnote" && $4=="5"' | grep -q "^[0-9]*	PHẦN I › III › 1	footnote	5	[0-9]*	Viện kiểm sát nhân dân tỉnh	nhân; Viện trưởng" ||
	fail "the tail of footnote 5 is not attributed"
CHECKS=$((CHECKS + 3))

# --- list items are attributed to their unit; --unit takes aliases without accents
run search --db seed.db --format tsv --unit "CA tinh" "huân chương"
expect_out "bảo vệ tổ quốc hạng nhì cho 01 cá nhân"
expect_eq "$(tsv_col unit | sort -u)" "Công an tỉnh" "unit column"
run search --db seed.db --format tsv --unit "Cục THADS" "sáng kiến"
expect_out "công nhận sáng kiến"
# --unit is one more term, on the full-text index's unit column (schema/thidua.sql): the
# very passages a filter of every match by its unit keeps
run search --db seed.db --format tsv --limit 0 --candidates 0 "tỉnh"
printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 && $7 == "Thanh tra tỉnh" { print $2 }' | sort >by_row
run search --db seed.db --format tsv --limit 0 --candidates 0 --unit "Thanh tra tỉnh" "tỉnh"
tsv_col passage | sort >by_term
[ "$(wc -l <by_term)" -gt 2 ] && cmp -s by_row by_term || fail "--unit: not the passages of Thanh tra tỉnh"
# a number typed is searched in the text, not in that column, where the unit's id is
id=$(sql seed.db "SELECT id FROM units WHERE name = 'Thanh tra tỉnh'")
tsv_col text | grep -qv -- "$id" || fail "every passage of the unit has its id $id: no test"
run search --db seed.db --format tsv --limit 0 "$id"
[ "$(tsv_rows)" -gt 0 ] && ! tsv_col text | grep -qv -- "$id" ||
	fail "a search for $id found passages without it (the unit column)"
CHECKS=$((CHECKS + 3))
run units --db seed.db --format tsv --unit "TAND huyen Chiem Hoa"
expect_eq "$(tsv_col unit)" "Tòa án nhân dân huyện Chiêm Hóa" "district unit by abbreviation"

# --- awards: filters and the fields of the issue's examples
run awards --db seed.db --format tsv --grantor "Thủ tướng" --year 2020
expect_not_out "Thủ tướng đơn vị"
# each row's evidence is its own clause of the report (cut from the passage by its span)
expect_out "	01 tập thể được Thủ tướng Chính phủ tặng Bằng khen"
printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 && $4 == "Cờ thi đua" && index($14, "thi đua") == 0' |
	grep -q . && fail "a Cờ thi đua row's evidence does not name it"
CHECKS=$((CHECKS + 1))
run awards --db seed.db --format tsv --award "cờ thi đua" --grantor "thu tuong chinh phu" --status granted
expect_out "Cờ thi đua	"
printf '%s\n' "$OUT" | awk -F'\t' '$8==3 && $9==1 && $10==3' | grep -q . || fail "03 Cờ thi đua for 03 tập thể, 01 cá nhân"
CHECKS=$((CHECKS + 1))
# a grantor asked for in full finds its abbreviated name, and the other way round
run awards --db seed.db --format tsv --grantor "Chủ tịch UBND tỉnh"
short=$(tsv_rows)
[ "$short" -ge 10 ] || fail "the seed's awards of Chủ tịch UBND tỉnh: $short"
run awards --db seed.db --format tsv --grantor "chu tich uy ban nhan dan tinh"
expect_eq "$(tsv_rows)" "$short" "Ủy ban nhân dân finds UBND"
run awards --db seed.db --format json --unit "Thanh tra tỉnh" --year 2019
for f in '"doc":1' '"year":2019' '"unit":"Thanh tra tỉnh"' '"award":"Bằng khen"' '"grantor":"Tổng Thanh tra Chính phủ"' '"status":"granted"' '"collectives":2' '"individuals":3' '"count":null' '"passage":' '"start":' '"end":' '"evidence":"Bằng khen cho 02 tập thể, 03 cá nhân"'; do
	expect_out "$f"
done

# --- campaigns: one campaign whatever the punctuation; typos kept, found by fold
run campaigns --db seed.db --format tsv "chung tay vì người nghèo"
expect_eq "$(tsv_rows)" "2" "the two forms that differ by a word stay two campaigns"
# forms: each spelling once, as written, in the order the report first writes them
run campaigns --db seed.db --format json "ca nuoc chung tay vi nguoi ngheo"
expect_out '"forms":"Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau,Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau"'
run campaigns --db seed.db --format tsv "vì an ninh tổ quốc"
expect_out "Vi an ninh Tổ quốc"
run campaigns --db seed.db --format tsv --unit "Công an tỉnh"
expect_out "Xuân tình nguyện 2020"

# --- hand-made headers (tests/fixtures/headers/PROVENANCE.md)
run index --db h.db "$HEADERS"
expect_rc 0
run docs --db h.db --format tsv
printf '%s\n' "$OUT" >docs.tsv
# docs takes the fact commands' filters: --unit (accent-insensitive, by alias) and --doc
run index --db h.db "$SEED"
run docs --db h.db --format tsv --unit "CA tinh"
expect_eq "$(tsv_rows)" "1" "docs --unit: one document names Công an tỉnh"
expect_eq "$(tsv_col number)" "234/BC-KTĐNC" "docs --unit: the seed"
run docs --db h.db --format tsv --doc 1
expect_eq "$(tsv_rows)" "1" "docs --doc: one document"
run docs --db h.db --format tsv --unit "Bộ đội Biên phòng tỉnh"
expect_eq "$(tsv_rows)" "0" "docs --unit: a unit no document names"
row() { awk -F'\t' -v n="$1" 'NR==1{for(i=1;i<=NF;i++) h[$i]=i; next} $h["number"]==n {print $h[c]}' c="$2" docs.tsv; }
expect_eq "$(row 41/BC-KBQLDA province)" "Hồ Chí Minh" "a three-word province from the place"
expect_eq "$(row 41/BC-KBQLDA place)" "Thành phố Hồ Chí Minh" "its place"
expect_eq "$(row 05/KH-KTĐNC issuer)" "KHỐI THI ĐUA NỘI CHÍNH" "interleaved: issuer"
expect_eq "$(row 05/KH-KTĐNC place)" "Tuyên Quang" "interleaved: place"
expect_eq "$(row 05/KH-KTĐNC date)" "2020-02-03" "interleaved: date"
expect_eq "$(row 05/KH-KTĐNC title)" "Phát động phong trào thi đua năm 2020" "interleaved: title"
expect_eq "$(row 05/KH-KTĐNC signer)" "Nguyễn Văn An" "interleaved: signer"
expect_eq "$(row 05/KH-KTĐNC signer_role)" "KT. TRƯỞNG KHỐI / PHÓ TRƯỞNG KHỐI" "interleaved: role"
expect_eq "$(row 3709/UBND-NC doc_type)" "" "công văn: no type code"
expect_eq "$(row 3709/UBND-NC issuer)" "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG" "công văn: issuer"
expect_eq "$(row 3709/UBND-NC title)" "V/v tổng kết công tác thi đua, khen thưởng năm 2020" "công văn: V/v"
expect_eq "$(row 3709/UBND-NC signer_role)" "TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG" "công văn: role"

# --no-facts indexes text only; a later run that wants facts re-reads those documents
run index --no-facts --db nofacts.db "$SEED"
expect_rc 0
run awards --db nofacts.db --format tsv
expect_eq "$(tsv_rows)" "0" "no award facts with --no-facts"
run search --db nofacts.db --format tsv THADS
expect_out "Thi hành án dân sự"
run index --db nofacts.db "$SEED"
expect_err "1 indexed, 0 unchanged"
run awards --db nofacts.db --format tsv
[ "$(tsv_rows)" -gt 100 ] || fail "facts not read after a --no-facts run"
run index --no-facts --db nofacts.db "$SEED"
expect_err "0 indexed, 1 unchanged"

# --- units of the blocs of schools, health centres, colleges and project boards: a high
# school named after a place, a district health centre written with its capitals, a
# provincial unit written with the province's name for "tỉnh", and a head titled by the
# first words of the item's own unit ("Giám đốc Ban"); not units: the bloc's own name, a
# school named only as a place, a health centre in lower case (a gift's receiver)
cat >blocs.txt <<'TXT'
UBND TỈNH AN GIANG

KHỐI CÁC TRƯỜNG TRUNG HỌC PHỔ THÔNG

Số: 12/BC-KTHPT

An Giang, ngày 12 tháng 12 năm 2020

BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2020 của Khối các trường THPT tỉnh An Giang

- Trường THPT Chợ Mới: Hiệu trưởng Trường THPT Chợ Mới tặng Giấy khen cho 03 tập thể, 12 cá nhân; tặng 20 suất học bổng tại Trường Mầm non Tân Tiến.

- Trường Trung học phổ thông Long Xuyên, thành phố Long Xuyên: tổ chức 05 hội thi.

- Trung tâm Y tế huyện Tri Tôn: 02 tập thể được công nhận danh hiệu “Tập thể lao động xuất sắc”; trao tặng Trung tâm y tế huyện Châu Phú 01 tủ thuốc.

- Trường Cao đẳng Văn hóa Nghệ thuật An Giang: tổ chức 04 hội diễn.

- Ban Quản lý dự án Thủy lợi tỉnh: Giám đốc Ban tặng Giấy khen cho 02 tập thể, 15 cá nhân.

- Ủy ban nhân dân huyện Tri Tôn: 04 tập thể được Chủ tịch Ủy ban nhân dân huyện Tri Tôn tặng Giấy khen.

- Sở Y tế: Giám đốc Sở Quy hoạch Mới tặng Giấy khen cho 01 tập thể.

- Ban QLDA giao thông tỉnh: tổ chức 02 hội thi.

- Điện lực An Giang: ủng hộ 10.000.000 đồng.
TXT
run index --db blocs.db blocs.txt
expect_rc 0
expect_eq "$(sql blocs.db "SELECT group_concat(name, '|') FROM (SELECT DISTINCT u.name
	FROM unit_mentions m JOIN units u ON u.id = m.unit ORDER BY u.name)")" \
	"Ban Quản lý dự án Thủy lợi tỉnh|Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh|Công ty Điện lực tỉnh|Sở Y tế|Trung tâm Y tế huyện Tri Tôn|Trường Cao đẳng Văn hóa Nghệ thuật tỉnh|Trường THPT Chợ Mới|Trường THPT Long Xuyên|Ủy ban nhân dân huyện Tri Tôn" \
	"units of the school, health and project blocs, and short forms (Ban QLDA, Điện lực An Giang)"
expect_eq "$(sql blocs.db "SELECT group_concat(g, '|') FROM (SELECT u.name || ': ' ||
	coalesce(a.grantor, '') AS g FROM awards a JOIN units u ON u.id = a.unit
	WHERE a.award = 'Giấy khen' ORDER BY a.doc, a.id)")" \
	"Trường THPT Chợ Mới: Hiệu trưởng Trường THPT Chợ Mới|Ban Quản lý dự án Thủy lợi tỉnh: Giám đốc Ban Quản lý dự án Thủy lợi tỉnh|Ủy ban nhân dân huyện Tri Tôn: Chủ tịch UBND huyện Tri Tôn|Sở Y tế: " \
	"a head named by the start of the item's unit, not by another unit's; abbreviated as data/grantors.tsv does"
run awards --db blocs.db --format tsv --grantor "Chủ tịch Ủy ban nhân dân huyện Tri Tôn"
expect_eq "$(tsv_col collectives)" "4" "Ủy ban nhân dân finds UBND"

# --- a file without paragraph breaks (10 000 award lines, each going on the one before):
# passages are cut at 32 KB, so each mention is looked at within its part, and every award
# is still read (one passage of 3.5 MB took two minutes: quadratic in mentions)
awk 'BEGIN { printf "Báo cáo:"; c = 0; n = 0
	for (i = 1; i <= 10000; i++) {
		printf "trong đó Công an tỉnh được tặng Bằng khen của Chủ tịch UBND tỉnh cho %02d tập thể và %02d cá nhân năm %d; Sở Tư pháp ủng hộ %d.000 đồng,\n", i % 90 + 1, i % 50 + 1, 2000 + i % 25, i
		c += i % 90 + 1; n += i % 50 + 1 }
	printf "%d %d\n", c, n >"sums.txt" }' >oneparagraph.txt
start=$(date +%s)
run index --db one.db oneparagraph.txt
expect_rc 0
took=$(($(date +%s) - start))
[ "$took" -lt 20 ] || fail "a 1.8 MB paragraph took $took s to index"
expect_eq "$(sql one.db "SELECT max(bytes) <= 32768 FROM passage_rows")" "1" "no passage over 32 KB"
expect_eq "$(sql one.db "SELECT count(*), sum(collectives), sum(individuals) FROM awards
	WHERE award = 'Bằng khen' AND status = 'granted'" | tr '|' ' ')" \
	"10000 $(cat sums.txt)" "every award of the paragraph, with its counts"
expect_eq "$(sql one.db "SELECT count(*) FROM unit_mentions")" "20000" "two units a line"

# --- a 16 MB text file (the seed 250 times, under the size streamed in chunks): its words,
# which every extractor reads, are kept within a budget and built again past it, so memory
# does not grow with the file by 20 bytes a byte (700 MB here under ASan, then); facts as
# many as the seed's, 250 times
for i in $(seq 1 250); do cat "$SEED"; done >big.txt
run index --db seed1.db "$SEED"
seed_awards=$(sql seed1.db "SELECT count(*) FROM awards")
seed_figures=$(sql seed1.db "SELECT count(*) FROM figures")
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=16"
/usr/bin/time -f 'maxrss_kb=%M' "$THIDUA" index --db base.db "$SEED" 2>base.txt
/usr/bin/time -f 'maxrss_kb=%M' "$THIDUA" index --db big.db big.txt 2>big.txt.err ||
	fail "big.txt: $(cat big.txt.err)"
base=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' base.txt)
rss=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' big.txt.err)
printf 'peak RSS %s kB for the 16 MB file, %s kB for the seed\n' "$rss" "$base" >&2
[ $((rss - base)) -lt 409600 ] || fail "peak RSS $rss kB is more than 400 MB over the seed's $base kB"
expect_eq "$(sql big.db "SELECT count(*) FROM awards")" "$((250 * seed_awards))" "awards of 250 seeds"
expect_eq "$(sql big.db "SELECT count(*) FROM figures")" "$((250 * seed_figures))" "figures of 250 seeds"

done_ok
