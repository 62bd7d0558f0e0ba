// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// libyaml's C API (yaml_parser_*, yaml_event_*), for YAMLKit's decoder. Debian: libyaml-dev.
#include <yaml.h>
