# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# A tiny HTTP server for the gateway's live test: answers every request with "NAME x-tenant-id=VALUE", binds
# 127.0.0.1 on a free port, prints the port on its first line, and exits by itself after LIFETIME seconds.
# Usage: python echo.py NAME LIFETIME
import http.server
import sys
import threading

name, lifetime = sys.argv[1], float(sys.argv[2])


class Echo(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"{name} x-tenant-id={self.headers.get('x-tenant-id', '')}\n".encode()
        self.send_response(200)
        self.send_header("content-type", "text/plain")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
print(server.server_address[1], flush=True)
threading.Timer(lifetime, server.shutdown).start()
server.serve_forever()
