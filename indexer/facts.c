#include "facts.h"

#include <stdlib.h>
#include <string.h>

#include "vn_num.h"

#include "units.h"

char *facts_fold_key(struct vn_norm *nm, const char *s)
{
	struct vn_words w;
	struct buf b = BUF_INIT;
	size_t i;

	vn_words_build(&w, nm, s, strlen(s));
	for (i = 0; i < w.n; i++) {
		if (i)
			buf_addc(&b, ' ');
		buf_adds(&b, w.t[i].fold);
	}
	vn_words_free(&w);
	return buf_detach(&b);
}

long facts_count_at(const struct vn_words *w, size_t i)
{
	double v;
	unsigned flags = 0;

	if (i >= w->n || !(w->t[i].flags & VN_WORD_NUMBER))
		return -1;
	if (vn_num_value(w->text + w->t[i].a, w->t[i].b - w->t[i].a, &v, &flags) != 0)
		return -1;
	/* a count is a whole number; a decimal (146,8) is an amount, not recipients */
	if (v < 0 || v > 1e9 || v != (double)(long)v)
		return -1;
	return (long)v;
}

void facts_extract(struct doc *d, struct vn_norm *nm)
{
	units_extract(d, nm);
	campaigns_extract(d, nm);
	awards_extract(d, nm);
}
