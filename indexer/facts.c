#include "facts.h"

#include <stdlib.h>
#include <string.h>

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
	const char *s;
	long v = 0;
	size_t k, len;

	if (i >= w->n || !(w->t[i].flags & VN_WORD_NUMBER))
		return -1;
	s = w->text + w->t[i].a;
	len = w->t[i].b - w->t[i].a;
	for (k = 0; k < len; k++) {
		if (s[k] == '.')
			continue;
		if (s[k] < '0' || s[k] > '9' || v > 100000000)
			return -1; /* a decimal comma: not a count */
		v = v * 10 + (s[k] - '0');
	}
	return v;
}

void facts_extract(struct doc *d, struct vn_norm *nm)
{
	units_extract(d, nm);
	campaigns_extract(d, nm);
	awards_extract(d, nm);
}
