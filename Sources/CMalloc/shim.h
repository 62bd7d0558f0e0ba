// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// glibc's malloc tuning (mallopt and its M_* parameters), which the Glibc module does not export.
#if defined(__linux__)
#include <malloc.h>
#endif
