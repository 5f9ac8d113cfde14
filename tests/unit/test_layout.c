/* Unit tests for indexer/layout.c: markdown residue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

static void strips(const char *in, const char *want)
{
	char *got = layout_strip_markdown(in, strlen(in));

	if (strcmp(got, want) != 0)
		fail_msg("\"%s\" -> \"%s\", want \"%s\"", in, got, want);
	free(got);
}

/* Emphasis marks hugging text go; marks with spaces on both sides, lone underscores and
 * the text between marks stay, whatever comes first and however many marks a paragraph has. */
static void test_strip_markdown(void **state)
{
	(void)state;
	strips("**Bằng khen** của Thủ tướng", "Bằng khen của Thủ tướng");
	strips("Tặng *Cờ thi đua* cho __Công an tỉnh__.", "Tặng Cờ thi đua cho Công an tỉnh.");
	strips("3 * 4 = 12", "3 * 4 = 12");
	strips("ma_so_thue và tai_khoan", "ma_so_thue và tai_khoan");
	strips("# PHẦN I", "PHẦN I");
	strips("### 1. Kết quả", "1. Kết quả");
	strips("#hashtag", "#hashtag");
	strips("* Công an tỉnh", "- Công an tỉnh");
	strips("____*", "");
	strips("*****", "*****"); /* nothing but marks, spaces (the edges) on both sides */
	strips("_x_ *y* __z__ a_b *", "_x_ y z a_b *");
	strips("đồng***", "đồng");
	strips("không có dấu nào", "không có dấu nào");
	strips("", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_strip_markdown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
