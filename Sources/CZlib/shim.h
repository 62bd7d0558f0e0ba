// zlib, for gunzipping chart archives (.tgz). Debian: zlib1g-dev.
#include <zlib.h>
