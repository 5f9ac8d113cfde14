# Layout: footnotes and page breaks mended (docs/facts.md), each case a hand-made text.
. "$TOP/tests/cli/lib.sh"
passages_of() { # NAME: NAME.txt indexed into NAME.db, $OUT its passages as TSV
	run index --db "$1.db" "$1.txt"
	expect_rc 0
	run show --db "$1.db" 1 --format tsv
	expect_rc 0
}
kind_of() { printf '%s\n' "$OUT" | awk -F'\t' -v t="$1" '$7 == t { print $3 }'; }
unit_of() { printf '%s\n' "$OUT" | awk -F'\t' -v t="$1" '$7 == t { print $6 }'; }

# Page-break repair is for text that lost its paragraphs (plain text, PDF text layers). A
# structured format gives paragraphs as they are: nothing is joined to the paragraph
# before it, and a digit after a letter ("c1.") is not taken for a footnote marker.
DOC="$TOP/tests/fixtures/legacy/files/tcvn3/2004-mauduan.doc"
run text --typed-case "$DOC"
expect_rc 0
# the title: four paragraphs in the Word file, the second starting in lower case
printf '%s\n' "$OUT" | grep -qx "các dự án" || fail "a Word paragraph was joined to another"
printf '%s\n' "$OUT" | grep -qx "ứng dụng và phát triển cntt" || fail "a lower-case Word paragraph was joined to the one before"
# list items c1. c2. c3. of the document stay as typed
printf '%s\n' "$OUT" | grep -q "^c1\. " || fail "c1. was read as a footnote marker"
expect_not_out "c¹."

# while in plain text, the seed's cut sentence is joined again (issue 6)
run index --db seed.db "$SEED"
run search --db seed.db --format tsv '"chủ động xây dựng kế hoạch phát động"'
expect_eq "$(tsv_rows)" "1" "the sentence cut by footnote 1 is one passage again"

# A page's footnote lists units, one item each; the next page's body may open with a list of
# units too. Its items are not the footnote's when the footnote was cut in mid-sentence (its
# tail must come first) or when the unit already has its item in the footnote.
cat >bc.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2009

Kết quả khen thưởng năm 2009 của các đơn vị trong Khối⁵. Kết quả chấm điểm thi đua của các đơn vị như sau

⁵ - Tỉnh đoàn: Năm 2009, Bí thư Tỉnh đoàn tặng Giấy khen cho 10 cá nhân.

- Hội Nông dân tỉnh: Chủ tịch Hội Nông dân tỉnh tặng Giấy khen cho 02 tập thể;

- Hội Liên hiệp Phụ nữ tỉnh: 99/100 điểm.

- Tỉnh đoàn: 95/100 điểm.

danh hiệu lao động tiên tiến 17 cá nhân.

Các đơn vị đều hoàn thành nhiệm vụ⁶.

⁶ - Sở Y tế: Giám đốc Sở Y tế tặng Giấy khen cho 05 tập thể.

- Sở Tư pháp: Giám đốc Sở Tư pháp tặng Giấy khen cho 03 tập thể.

- Sở Y tế: 96/100 điểm.
EOF
passages_of bc
expect_eq "$(kind_of '- Hội Liên hiệp Phụ nữ tỉnh: 99/100 điểm.')" body \
	"a unit's item after a footnote cut in mid-sentence"
expect_eq "$(kind_of '- Tỉnh đoàn: 95/100 điểm.')" body "the body's list goes on"
expect_eq "$(kind_of '- Hội Nông dân tỉnh: Chủ tịch Hội Nông dân tỉnh tặng Giấy khen cho 02 tập thể; danh hiệu lao động tiên tiến 17 cá nhân.')" \
	footnote "the cut footnote item and its tail after the body's list"
expect_eq "$(kind_of '- Sở Tư pháp: Giám đốc Sở Tư pháp tặng Giấy khen cho 03 tập thể.')" footnote \
	"the footnote's next unit"
expect_eq "$(kind_of '- Sở Y tế: 96/100 điểm.')" body "a unit already listed in the footnote"

# A footnote cut at a page's foot goes on at the next foot, after that page's body; its tail
# may open with a capital (a place's name, a new sentence) and its next units' items follow:
# one paragraph with the item it ends, when that was cut in mid-sentence.
# A paragraph in capitals followed by a list naming a unit the footnote has is the body's.
# The last page's footnotes interrupt the Nơi nhận list and follow the signer's name: a
# recipient's line is no footnote item, and the tail of an item cut in mid-sentence is one
# paragraph with it again.
cat >tail.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2015

Các đơn vị trong Khối tích cực tham gia các hoạt động xã hội³. Kết quả cụ thể như

³ - Sở Y tế: Tặng quà cho học sinh nghèo vượt khó tại Trường Tiểu học Côn

sau: các đơn vị đều hoàn thành kế hoạch đề ra.

Lôn, trị giá 16.579.200 đồng. Tổng giá trị các hoạt động của đơn vị là 16.579.200 đồng.

- Sở Tư pháp: Ủng hộ Quỹ Vì người nghèo 5.000.000 đồng.

Kết quả chấm điểm thi đua của các đơn vị như sau:

- Sở Y tế: 96/100 điểm.

- Công an tỉnh: 98/100 điểm.

Kết quả khen thưởng năm 2015 của các đơn vị trong Khối⁴.

Trên đây là báo cáo tổng kết công tác thi đua, khen thưởng năm 2015./.

Nơi nhận:

- UBND tỉnh;

⁴ - Sở Y tế: Giám đốc Sở Y tế tặng Giấy khen cho 05 tập thể;

- Ban Thi đua - Khen thưởng tỉnh (để B/c);

- Lưu: VT, TĐKT.

TM. KHỐI THI ĐUA
TRƯỞNG KHỐI NĂM 2015

GIÁM ĐỐC SỞ Y TẾ
Nguyễn Văn An

Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể.

- Sở Tư pháp: Giám đốc Sở Tư pháp tặng Giấy khen cho 03 tập thể.
EOF
passages_of tail
expect_eq "$(unit_of '- Sở Y tế: Tặng quà cho học sinh nghèo vượt khó tại Trường Tiểu học Côn Lôn, trị giá 16.579.200 đồng. Tổng giá trị các hoạt động của đơn vị là 16.579.200 đồng.')" \
	"Sở Y tế" "a footnote's tail opening with a capital, its next item after it, is one paragraph with its item"
expect_eq "$(kind_of '- Sở Tư pháp: Ủng hộ Quỹ Vì người nghèo 5.000.000 đồng.')" footnote \
	"the footnote's next unit after its tail"
expect_eq "$(kind_of 'Kết quả chấm điểm thi đua của các đơn vị như sau:')" body \
	"a paragraph before a list naming a unit the footnote has"
expect_eq "$(kind_of '- Sở Y tế: 96/100 điểm.')" body "the body's list"
expect_eq "$(kind_of '- Ban Thi đua - Khen thưởng tỉnh (để B/c);')" footer \
	"a recipient's line amid the last page's footnotes"
expect_eq "$(kind_of '- Sở Y tế: Giám đốc Sở Y tế tặng Giấy khen cho 05 tập thể; Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể.')" \
	footnote "the tail after the signer's name is one paragraph with its item"
expect_eq "$(kind_of '- Sở Tư pháp: Giám đốc Sở Tư pháp tặng Giấy khen cho 03 tập thể.')" footnote \
	"the last footnote's next item"
run docs --db tail.db --format tsv
expect_eq "$(tsv_col signer)" "Nguyễn Văn An" "the signer before the last page's footnotes"

# A footnote on the units' awards does not go on with the list of scores the page's body
# resumes after it, even for units the footnote has not listed.
cat >scores.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2010

Kết quả khen thưởng năm 2010 của các đơn vị⁵. Điểm chấm của các đơn vị như sau:

- Văn phòng Tỉnh ủy: 1000/1000 điểm.

⁵ - Ban Tuyên giáo Tỉnh ủy: Trưởng Ban Tuyên giáo Tỉnh ủy tặng Giấy khen cho 03 tập thể.

- Ủy ban Kiểm tra Tỉnh ủy: 994/1000 điểm.

- Ban Dân vận Tỉnh ủy: 973/1000 điểm.
EOF
passages_of scores
expect_eq "$(kind_of '- Ban Tuyên giáo Tỉnh ủy: Trưởng Ban Tuyên giáo Tỉnh ủy tặng Giấy khen cho 03 tập thể.')" \
	footnote "the footnote's item"
expect_eq "$(kind_of '- Ủy ban Kiểm tra Tỉnh ủy: 994/1000 điểm.')" body "the body's list of scores goes on"
expect_eq "$(kind_of '- Ban Dân vận Tỉnh ủy: 973/1000 điểm.')" body "the body's list of scores goes on"

# A body paragraph the page cut after "như:" goes on after the page's footnotes with a
# capital ("Các Bộ, ngành tặng …"); one that ends in a bracket does not.
cat >capital.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2015

Kết quả khen thưởng năm 2015, toàn Khối có 06/06 đơn vị được tặng thưởng nhiều danh hiệu cao quý trong các phong trào thi đua, như:

⁴ - Sở Y tế: Tổ chức Hội nghị điển hình tiên tiến của ngành.

Các Bộ, ngành tặng Bằng khen cho 5 tập thể và 08 cá nhân.

(Có phụ lục kết quả đạt được của từng đơn vị kèm theo)

⁵ - Sở Tư pháp: Tổ chức Hội nghị điển hình tiên tiến của ngành.

Kết quả chấm điểm thi đua của các đơn vị trong Khối.
EOF
passages_of capital
expect_eq "$(kind_of 'Kết quả khen thưởng năm 2015, toàn Khối có 06/06 đơn vị được tặng thưởng nhiều danh hiệu cao quý trong các phong trào thi đua, như: Các Bộ, ngành tặng Bằng khen cho 5 tập thể và 08 cá nhân.')" \
	body "a sentence cut after 'như:' goes on with a capital after the page's footnotes"
expect_eq "$(kind_of 'Kết quả chấm điểm thi đua của các đơn vị trong Khối.')" body \
	"a paragraph closed by a bracket is whole"

# The last page's footnotes after the signature: a capitalised tail among them does not go
# on with the signer's name.
cat >sigtail.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2025

Kết quả khen thưởng năm 2025 của các đơn vị trong Khối⁵.

Nơi nhận:

- UBND tỉnh;

- Lưu: VT, TĐKT.

TM. KHỐI KINH TẾ TỔNG HỢP
TRƯỞNG KHỐI NĂM 2025

PHÓ CỤC TRƯỞNG CỤC THỐNG KÊ TỈNH
Hoàng Việt Huyền

⁵ - Sở Kế hoạch và Đầu tư: Giám đốc Sở Kế hoạch và Đầu tư tặng Giấy khen cho 04 tập thể.

- Sở Công Thương: Giám đốc Sở Công Thương tặng Giấy khen cho 08 tập thể; danh hiệu

Bộ trưởng Bộ Công Thương tặng Kỷ niệm chương cho 05 cá nhân.
EOF
run index --db sigtail.db sigtail.txt
expect_rc 0
run docs --db sigtail.db --format tsv
expect_eq "$(tsv_col signer)" "Hoàng Việt Huyền" "the signer's name is no sentence going on"
# A closed sentence in mixed case right after the signer's name is the tail of the item the
# page before left with its footnote (cut between two sentences): that unit's total, not the
# foot's, the last page's own footnote after it.
cat >sigsent.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2025

Các đơn vị tích cực tham gia các hoạt động xã hội³.

³ - Sở Kế hoạch và Đầu tư: Ủng hộ Quỹ vì người nghèo 10.000.000 đồng.

- Sở Công Thương: Ủng hộ Quỹ vì người nghèo 6.000.000 đồng; tặng 05 suất quà trị giá 4.000.000 đồng.

Kết quả khen thưởng năm 2025 của các đơn vị trong Khối⁴.

Nơi nhận:

- UBND tỉnh;

- Lưu: VT, TĐKT.

TM. KHỐI KINH TẾ TỔNG HỢP
TRƯỞNG KHỐI NĂM 2025

PHÓ CỤC TRƯỞNG CỤC THỐNG KÊ TỈNH
Hoàng Việt Huyền

Tổng số tiền ủng hộ của đơn vị là 10.000.000 đồng.

⁴ - Sở Kế hoạch và Đầu tư: Giám đốc Sở Kế hoạch và Đầu tư tặng Giấy khen cho 04 tập thể.
EOF
passages_of sigsent
expect_eq "$(kind_of 'Tổng số tiền ủng hộ của đơn vị là 10.000.000 đồng.')" footnote \
	"a closed sentence after the signer's name"
expect_eq "$(unit_of 'Tổng số tiền ủng hộ của đơn vị là 10.000.000 đồng.')" "Sở Công Thương" \
	"the tail's unit"
run docs --db sigsent.db --format tsv
expect_eq "$(tsv_col signer)" "Hoàng Việt Huyền" "the signer, a sentence after"

# A page that ended on a heading or a numbered item cut in mid-sentence: the next page goes
# on with it after the page's footnotes, in lower case.
cat >headcut.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2022

Các đơn vị đều hoàn thành kế hoạch⁴.

5. Đẩy mạnh công tác cải cách hành chính, ứng dụng công nghệ thông tin trong

⁴ - Sở Tài chính: Tổ chức tọa đàm, giao lưu với các điển hình tiên tiến.

- Sở Kế hoạch và Đầu tư: Năm 2021,

hoạt động, quản lý, chỉ đạo, điều hành.
EOF
passages_of headcut
expect_eq "$(kind_of '5. Đẩy mạnh công tác cải cách hành chính, ứng dụng công nghệ thông tin trong hoạt động, quản lý, chỉ đạo, điều hành.')" \
	heading "a numbered item cut at the page's end goes on after its footnotes"

# The page's body cut in mid-sentence, then the last footnote's next items (a footnote that
# went on over two feet), then the body's tail: the items are the footnote's.
cat >footitems.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2014

Tổng giá trị các hoạt động xã hội của các đơn vị trong Khối là 20.000.000 đồng³.

³ - Hội Nông dân tỉnh: Ủng hộ các quỹ 10.000.000 đồng.

Tổ chức cơ sở Đảng, Công đoàn, Đoàn Thanh niên hoạt động có hiệu quả, góp

- Tỉnh đoàn: Ủng hộ Quỹ Vì người nghèo 10.000.000 đồng.

phần tích cực vào việc hoàn thành nhiệm vụ chính trị.

- Hội Nông dân tỉnh: Duy trì chế độ sinh hoạt chi bộ.
EOF
passages_of footitems
expect_eq "$(kind_of '- Tỉnh đoàn: Ủng hộ Quỹ Vì người nghèo 10.000.000 đồng.')" footnote \
	"a unit's item between a body cut in mid-sentence and its tail is the footnote's"
expect_eq "$(kind_of 'Tổ chức cơ sở Đảng, Công đoàn, Đoàn Thanh niên hoạt động có hiệu quả, góp phần tích cực vào việc hoàn thành nhiệm vụ chính trị.')" \
	body "the body's sentence is whole"
expect_eq "$(kind_of '- Hội Nông dân tỉnh: Duy trì chế độ sinh hoạt chi bộ.')" body "the body's own list"
# A footnote item's second sentence at the foot of the next page, right before that page's own
# footnote (the unit's name in it, as in the item): the item's, not the body's, and the page's
# numbered item cut on ";" is still what the page after goes on with; the new footnote's item
# cut in mid-sentence then takes its tail from after the signature.
cat >tailnote.txt <<'EOF'
BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2014

Các đơn vị đã biểu dương, nhân rộng các nhân tố mới, điển hình tiên tiến⁴.

⁴ - Sở Y tế: Tổ chức tọa đàm, giao lưu với các điển hình tiên tiến.

- Bệnh viện Đa khoa tỉnh: Lựa chọn 3 gương người tốt, việc tốt để tuyên truyền, nhân rộng.

Kết quả khen thưởng năm 2014, toàn Khối được tặng nhiều Giấy khen⁵.

3. Tăng cường kỷ luật, kỷ cương hành chính;

Giám đốc Bệnh viện Đa khoa tỉnh quyết định vinh danh 03 tập thể, 9 cá nhân là điển hình tiên tiến.

⁵ - Sở Y tế: Năm 2013, 9 cá nhân được Giám đốc Sở Y tế tặng Giấy khen.

- Trung tâm Y tế huyện Na Rì: Năm 2013,

đẩy mạnh phòng, chống tham nhũng, lãng phí, tiêu cực trong các cơ quan, đơn vị.

Nơi nhận:

- UBND tỉnh;

- Lưu: VT, TĐKT.

TM. KHỐI CÁC ĐƠN VỊ Y TẾ
TRƯỞNG KHỐI

Lý Tuấn Bình

19 tập thể, 85 cá nhân được Giám đốc Trung tâm Y tế huyện Na Rì tặng Giấy khen.
EOF
passages_of tailnote
expect_eq "$(kind_of 'Giám đốc Bệnh viện Đa khoa tỉnh quyết định vinh danh 03 tập thể, 9 cá nhân là điển hình tiên tiến.')" \
	footnote "the item's second sentence at the next page's foot"
expect_eq "$(kind_of '3. Tăng cường kỷ luật, kỷ cương hành chính; đẩy mạnh phòng, chống tham nhũng, lãng phí, tiêu cực trong các cơ quan, đơn vị.')" \
	heading "the numbered item cut on ';' goes on after the page's footnotes"
expect_eq "$(kind_of '- Trung tâm Y tế huyện Na Rì: Năm 2013, 19 tập thể, 85 cá nhân được Giám đốc Trung tâm Y tế huyện Na Rì tặng Giấy khen.')" \
	footnote "the cut item with its tail from after the signature"

done_ok
