// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// The system SQLite (Debian/Ubuntu: libsqlite3-dev; macOS: the SDK), seen by Swift as the module CSQLite.
// Only ReleaseStore imports it; no SQLite type crosses that target's boundary.
#ifndef TENANTCTL_CSQLITE_SHIM_H
#define TENANTCTL_CSQLITE_SHIM_H

#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import: SQLite copies the
/// bound text or blob before the bind call returns.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

#endif
