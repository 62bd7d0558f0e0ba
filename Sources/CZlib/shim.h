// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// zlib, for gunzipping chart archives (.tgz). Debian: zlib1g-dev.
#include <zlib.h>
