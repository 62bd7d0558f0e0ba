# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# Evaluates the rendered policy with the real OPA engine (opa-golib-python-bindings): reads a JSON list of
# ext_authz inputs on standard input and prints, as JSON, the list of data.envoy.authz.result decisions.
# Usage: python opa_eval.py POLICY.rego DATA.json < inputs.json
import json
import sys

from opa_bindings import OpaEngine

policy_path, data_path = sys.argv[1], sys.argv[2]
with open(policy_path) as f:
    policy = f.read()
with open(data_path) as f:
    data = json.load(f)
inputs = json.load(sys.stdin)
with OpaEngine() as engine:
    engine.add_policy("policy.rego", policy)
    engine.add_data(data)
    print(json.dumps([engine.eval_document("envoy.authz.result", i) for i in inputs]))
