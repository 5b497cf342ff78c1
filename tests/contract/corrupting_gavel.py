#!/usr/bin/python3
"""Stands in for `gavel` to prove the contract checks catch a broken emulator.

`corrupting_gavel.py emulate ARGS...` starts the real `$GAVEL_REAL_BINARY
emulate ARGS...`, puts a proxy in front of it that damages responses in the
way `$CONTRACT_CORRUPT` names, and prints the proxy's URL as
`gavel emulate` would. Used by test_openapi_contract.py and the discord.js
self-tests in CMakeLists.txt.

Modes:
  timestamp       first message of every message list gets timestamp "yesterday"
  bucket-header   X-RateLimit-Bucket is dropped from every response
  remaining-lie   X-RateLimit-Remaining always equals the limit (except on 429s)
  reaction-drop   every non-empty reaction user list loses its last user
"""

import http.client
import http.server
import json
import os
import re
import signal
import subprocess
import sys
import threading

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


def corrupt(mode, path, status, headers, body):
    if mode == "remaining-lie" and status != 429:
        limit = next((v for k, v in headers if k.lower() == "x-ratelimit-limit"), None)
        if limit is not None:
            headers = [(k, limit if k.lower() == "x-ratelimit-remaining" else v) for k, v in headers]
    elif mode == "reaction-drop" and re.search(r"/reactions/[^/?]+(\?|$)", path):
        try:
            doc = json.loads(body)
        except ValueError:
            return headers, body
        if isinstance(doc, list) and doc:
            body = json.dumps(doc[:-1]).encode("utf-8")
    elif mode == "bucket-header":
        headers = [(k, v) for k, v in headers if k.lower() != "x-ratelimit-bucket"]
    elif mode == "timestamp" and re.search(r"/channels/\d+/messages(\?|$)", path):
        try:
            doc = json.loads(body)
        except ValueError:
            return headers, body
        if isinstance(doc, list) and doc and isinstance(doc[0], dict):
            doc[0]["timestamp"] = "yesterday"
            body = json.dumps(doc).encode("utf-8")
    return headers, body


def main():
    real = os.environ.get("GAVEL_REAL_BINARY")
    mode = os.environ.get("CONTRACT_CORRUPT", "")
    if not real:
        print("corrupting_gavel: set GAVEL_REAL_BINARY to the real gavel", file=sys.stderr)
        return 2
    child = subprocess.Popen([real, *sys.argv[1:]], stdout=subprocess.PIPE, text=True)
    first = child.stdout.readline()
    m = re.match(r"^listening on http://127\.0\.0\.1:(\d+)/api/v10", first)
    if not m:
        child.terminate()
        print(f"corrupting_gavel: real emulator said {first!r}", file=sys.stderr)
        return 1
    upstream_port = int(m.group(1))
    local = threading.local()

    class Proxy(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length) if length else None
            if getattr(local, "conn", None) is None:
                local.conn = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=30)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            try:
                local.conn.request(self.command, self.path, body=data, headers=headers)
                r = local.conn.getresponse()
                body = r.read()
            except (http.client.HTTPException, OSError):
                local.conn.close()
                local.conn = None
                self.send_error(502)
                return
            out_headers, body = corrupt(mode, self.path, r.status, list(r.getheaders()), body)
            self.send_response(r.status, r.reason)
            for k, v in out_headers:
                if k.lower() not in HOP_BY_HOP:
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_PUT = do_PATCH = do_DELETE = do_POST = forward

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    server.daemon_threads = True

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}/api/v10", flush=True)
    server.serve_forever()
    child.terminate()
    child.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
