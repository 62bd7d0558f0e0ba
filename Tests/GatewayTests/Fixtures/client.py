# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# One GET to http://127.0.0.1:PORT/hello with the headers given as a JSON object; prints the status on the first
# line and the body after it ("0" when the connection fails). Usage: python client.py PORT HEADERS_JSON
import http.client
import json
import sys

port, headers = int(sys.argv[1]), json.loads(sys.argv[2])
try:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", "/hello", headers=headers)
    response = conn.getresponse()
    print(response.status)
    print(response.read().decode(errors="replace"), end="")
    conn.close()
except OSError:
    print(0)
