#include <zlib.h>
// Swift cannot call the inflateInit2 macro.
static inline int cz_inflate_init_gzip(z_stream *s) { return inflateInit2(s, 15 + 32); }
