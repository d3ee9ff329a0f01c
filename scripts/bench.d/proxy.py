"""scripts/bench's counting proxy: forwards every request to moto and counts STS/IAM actions.

Usage: proxy.py PORT UPSTREAM_PORT. GET /__bench/counts reads the counts, POST /__bench/reset
clears them.
"""
import http.client, json, sys, threading, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, upstream = int(sys.argv[1]), int(sys.argv[2])
counts, lock = {}, threading.Lock()
HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade", "te"}

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/__bench/counts":
            with lock:
                return self.reply(200, json.dumps(counts).encode())
        if self.path == "/__bench/reset":
            with lock:
                counts.clear()
            return self.reply(200, b"{}")
        query = urllib.parse.urlsplit(self.path).query
        action = (urllib.parse.parse_qs(body.decode("latin-1")).get("Action")
                  or urllib.parse.parse_qs(query).get("Action")
                  or [(self.headers.get("X-Amz-Target") or "other").split(".")[-1]])[0]
        with lock:
            counts[action] = counts.get(action, 0) + 1
        conn = http.client.HTTPConnection("127.0.0.1", upstream, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        conn.request(self.command, self.path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        self.reply(resp.status, data,
                   [(k, v) for k, v in resp.getheaders()
                    if k.lower() not in HOP and k.lower() != "content-length"])

    do_GET = do_POST = do_PUT = do_DELETE = forward

ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
