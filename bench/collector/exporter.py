#!/usr/bin/env python3
"""Serves Prometheus text on several loopback ports for bench/collector.sh: per port one HTTP
histogram family (4 routes x 2 statuses, counts growing every scrape) plus gauges, about 100 series."""
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BUCKETS = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "+Inf"]
scrapes = {}
lock = threading.Lock()


def body(port):
    with lock:
        n = scrapes.get(port, 0) + 1
        scrapes[port] = n
    lines = ["# TYPE http_server_requests_seconds histogram"]
    for r in range(4):
        for status, share in (("200", 0.97), ("500", 0.03)):
            total = int(n * 100 * share)
            for i, le in enumerate(BUCKETS):
                count = total if le == "+Inf" else int(total * min(1.0, (i + 1) / 6))
                lines.append('http_server_requests_seconds_bucket{method="GET",status="%s",uri="/r%d",le="%s"} %d'
                             % (status, r, le, count))
            lines.append('http_server_requests_seconds_count{method="GET",status="%s",uri="/r%d"} %d' % (status, r, total))
            lines.append('http_server_requests_seconds_sum{method="GET",status="%s",uri="/r%d"} %f' % (status, r, total * 0.02))
    lines.append("# TYPE work_queue_size gauge")
    for q in range(10):
        lines.append('work_queue_size{queue="q%d"} %d' % (q, (n + q) % 50))
    lines.append("# TYPE db_pool_active gauge")
    lines.append("db_pool_active %d" % (n % 8))
    lines.append("# TYPE db_pool_max gauge")
    lines.append("db_pool_max 8")
    lines.append("# TYPE app_items gauge")
    for g in range(60):
        lines.append('app_items{kind="k%d"} %d' % (g, (n * (g + 1)) % 1000))
    return ("\n".join(lines) + "\n").encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        data = body(self.server.server_address[1])
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def main():
    servers = [ThreadingHTTPServer(("127.0.0.1", int(p)), Handler) for p in sys.argv[1:]]
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
