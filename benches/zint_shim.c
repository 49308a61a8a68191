/*
 * A timing shim around libzint for the `versus` binary (feature `zint`):
 * zint is measured in its own C loop, so neither FFI overhead nor anything
 * else of ours is charged to it. Each call encodes `data` `iters` times into
 * zint's module matrix (ZBarcode_Encode, no rendering) and returns the
 * calling thread's CPU time in nanoseconds, or -1 when zint reports an
 * error. The last symbol's rows and width are written out so the caller can
 * check zint produced what it should.
 */
#include <string.h>
#include <time.h>
#include <zint.h>

long long serialkit_zint_encode_loop(int symbology, int input_mode, int option_1, int option_2,
                                     int option_3, const char *data, long long iters, int *rows,
                                     int *width) {
    struct zint_symbol *s = ZBarcode_Create();
    struct timespec a, b;
    int len = (int)strlen(data);
    long long i;
    if (!s)
        return -1;
    s->symbology = symbology;
    s->input_mode = input_mode;
    s->option_1 = option_1;
    s->option_2 = option_2;
    s->option_3 = option_3;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    for (i = 0; i < iters; i++) {
        ZBarcode_Clear(s);
        if (ZBarcode_Encode(s, (const unsigned char *)data, len) >= ZINT_ERROR) {
            ZBarcode_Delete(s);
            return -1;
        }
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
    *rows = s->rows;
    *width = s->width;
    ZBarcode_Delete(s);
    return (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
}
