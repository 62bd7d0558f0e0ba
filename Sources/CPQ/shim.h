// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// libpq, PostgreSQL's C client, for ReleaseStore's PostgreSQL driver. Debian: libpq-dev (pkg-config libpq).
#include <libpq-fe.h>
