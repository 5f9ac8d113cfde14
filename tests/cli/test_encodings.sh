# Issue 3, plain text: the seed report in every encoding the variants hold (UTF-8 with BOM,
# UTF-16LE with BOM, CP1258, VISCII, TCVN 5712 VN1; made with glibc iconv, letters a code
# page lacks transliterated) is detected — not asked for — and answers queries as the seed.
. "$TOP/tests/cli/lib.sh"

queries=("thi đua" "khen thưởng" "Tuyên Quang" "Huân chương Lao động" "Cờ thi đua" \
	"tập thể lao động xuất sắc" "dong" "chiến sĩ thi đua cơ sở" "Công an tỉnh" "Nội chính")

hits() { # db: passage numbers found for each query, one line per query
	local q
	for q in "${queries[@]}"; do
		run search --db "$1" --limit 0 --format tsv "$q"
		expect_rc 0 "search $q in $1"
		printf '%s: %s\n' "$q" "$(tsv_col passage | sort -n | tr '\n' ' ')"
	done
}

run index --db seed.db "$SEED"
expect_rc 0
hits seed.db >seed.hits
[ "$(grep -c ': [0-9]' seed.hits)" -eq "${#queries[@]}" ] || fail "a query found nothing in the seed"

for v in utf8-bom:utf-8-bom utf16le-bom:utf-16le cp1258:cp1258 viscii:viscii \
	tcvn5712-1:tcvn5712-1; do
	name=${v%%:*}
	want=${v#*:}
	run index --db "$name.db" "$VARIANTS/seed.$name.txt"
	expect_rc 0 "index $name"
	run docs --db "$name.db" --format tsv
	expect_eq "$(tsv_col encoding)" "$want" "documents.encoding of seed.$name.txt"
	hits "$name.db" >"$name.hits"
	diff seed.hits "$name.hits" >&2 || fail "$name: search results differ from the seed's"
	CHECKS=$((CHECKS + 1))
done

# --encoding overrides detection: VISCII read as CP1258 on purpose gives other text
run text --encoding cp1258 "$VARIANTS/seed.viscii.txt"
expect_rc 0
expect_not_out "Khen thưởng"
run text "$VARIANTS/seed.viscii.txt"
expect_out "thi đua"
run text --encoding klingon "$VARIANTS/seed.viscii.txt"
expect_rc 2
expect_err "unknown --encoding"

# legacy bytes written by hand (domain.md 7.2): TCVN3 and VNI text files are detected
printf 'C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam\n\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c\nB\xb8o c\xb8o t\xe6ng k\xd5t c\xabng t\xb8c thi \xaeua, khen th\xad\xebng n\xa8m 2005\n' >tcvn3.txt
run text tcvn3.txt
expect_rc 0
expect_out "Cộng hoà xã hội chủ nghĩa Việt Nam"
expect_out "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2005"
printf 'Co\xe4ng hoa\xf8 xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam\n\xd1o\xe4c la\xe4p - T\xf6\xef do - Ha\xefnh phu\xf9c\nBa\xf9o ca\xf9o to\xe5ng ke\xe1t co\xe2ng ta\xf9c thi \xf1ua, khen th\xf6\xf4\xfbng na\xeam 2005\n' >vni.txt
run text vni.txt
expect_rc 0
expect_out "Cộng hoà xã hội chủ nghĩa Việt Nam"
expect_out "Độc lập - Tự do - Hạnh phúc"
expect_out "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2005"
run index --db legacy.db tcvn3.txt vni.txt
expect_rc 0
run docs --db legacy.db --format tsv
expect_out "tcvn3"
expect_out "vni"

# UTF-8 that went through cp1252 once too often is repaired
printf 'C\xc3\xa1\xc2\xbb\xe2\x84\xa2ng ho\xc3\x83\xc2\xa0 x\xc3\x83\xc2\xa3 h\xc3\xa1\xc2\xbb\xe2\x84\xa2i, thi \xc3\x84\xe2\x80\x98ua khen th\xc3\x86\xc2\xb0\xc3\xa1\xc2\xbb\xc5\xb8ng\n' >double.txt
run text double.txt
expect_out "Cộng hoà xã hội, thi đua khen thưởng"
done_ok
