#include "numfmt.h"

#include <stdio.h>
#include <string.h>

void fmt_grouped(struct buf *b, long long n)
{
	char digits[32];
	int len, i;

	len = snprintf(digits, sizeof(digits), "%lld", n < 0 ? -n : n);
	if (n < 0)
		buf_addc(b, '-');
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_addc(b, '.');
		buf_addc(b, digits[i]);
	}
}

void fmt_count(struct buf *b, long long n, int pad, int plain)
{
	if (n < 10 && n >= 0 && pad)
		buf_printf(b, "%02lld", n);
	else if (n >= 1000 && plain)
		buf_printf(b, "%lld", n);
	else
		fmt_grouped(b, n);
}

static long long pow10ll(int k)
{
	long long p = 1;
	while (k-- > 0)
		p *= 10;
	return p;
}

void fmt_scaled(struct buf *b, long long v, int scale)
{
	long long unit = pow10ll(scale), whole = v / unit, frac = v % unit;
	char f[24];
	int len;

	fmt_grouped(b, whole);
	if (!frac)
		return;
	len = snprintf(f, sizeof(f), "%0*lld", scale, frac);
	while (len > 0 && f[len - 1] == '0')
		len--;
	buf_addc(b, ',');
	buf_add(b, f, (size_t)len);
}

int money_style_ok(long long v, enum money_style s)
{
	switch (s) {
	case MONEY_TRIEU:
		/* at most one decimal: "146,8 triệu", as reports write it */
		return v >= 1000000 && v % 100000 == 0;
	case MONEY_TY:
		return v >= 1000000000 && v % 1000000 == 0;
	case MONEY_MALFORMED:
		return v >= 1000000;
	default:
		return v >= 0;
	}
}

void fmt_money(struct buf *b, long long v, enum money_style s)
{
	switch (s) {
	case MONEY_GLUED:
		fmt_grouped(b, v);
		buf_adds(b, "đ");
		break;
	case MONEY_VND:
		fmt_grouped(b, v);
		buf_adds(b, " VNĐ");
		break;
	case MONEY_TRIEU:
		fmt_scaled(b, v, 6);
		buf_adds(b, " triệu đồng");
		break;
	case MONEY_TY:
		fmt_scaled(b, v, 9);
		buf_adds(b, " tỷ đồng");
		break;
	case MONEY_MALFORMED: {
		struct buf t = BUF_INIT;
		fmt_grouped(&t, v);
		*strchr(t.p, '.') = ',';
		buf_add(b, t.p, t.n);
		buf_free(&t);
		buf_adds(b, " đồng");
		break;
	}
	default:
		fmt_grouped(b, v);
		buf_adds(b, " đồng");
		break;
	}
}

void fmt_rate(struct buf *b, long long v, int variant, const char *per)
{
	fmt_grouped(b, v);
	switch (variant % 3) {
	case 0:
		buf_adds(b, "đ/");
		break;
	case 1:
		buf_adds(b, "/");
		break;
	default:
		buf_adds(b, " đồng/");
		break;
	}
	buf_adds(b, per);
}

void fmt_percent_tenths(struct buf *b, int tenths)
{
	if (tenths % 10)
		buf_printf(b, "%d,%d%%", tenths / 10, tenths % 10);
	else
		buf_printf(b, "%d%%", tenths / 10);
}
