"""A real HTTP receiver on 127.0.0.1 that checks Standard Webhooks signatures as the README
tells receivers to, records what came, and answers the status codes a test scripts."""

import base64
import hashlib
import hmac
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The README's recipe: the receiver knows only the secret and what it was sent.
TOLERANCE_SECONDS = 5 * 60


def verify(secret: str, headers, body: bytes) -> dict:
    msg_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("too old")
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    sent = [s.split(",", 1)[1] for s in headers["webhook-signature"].split() if s.startswith("v1,")]
    if not any(hmac.compare_digest(expected, s) for s in sent):
        raise ValueError("bad signature")
    return json.loads(body)


@dataclass
class Received:
    headers: dict
    body: bytes
    payload: dict | None
    verified: bool
    answered: int


@dataclass
class Receiver:
    """Answers each POST with the next scripted status (then `then`), after verifying it."""

    secret: str = ""
    script: list[int] = field(default_factory=list)
    then: int = 200
    received: list[Received] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/portal"

    def verified_payloads(self) -> list[dict]:
        return [r.payload for r in self.received if r.verified and r.payload is not None]


def free_port(start: int = 8600, end: int = 8700) -> int:
    for port in range(start, end):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def start_receiver(receiver: Receiver) -> ThreadingHTTPServer:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802  (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {k.lower(): v for k, v in self.headers.items()}
            try:
                payload, verified = verify(receiver.secret, headers, body), True
            except (KeyError, ValueError):
                payload, verified = None, False
            with lock:
                status = receiver.script.pop(0) if receiver.script else receiver.then
                if not verified:
                    status = 400
                receiver.received.append(Received(headers, body, payload, verified, status))
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok" if status < 300 else b"not now")

        def log_message(self, *args):
            pass

    receiver.port = receiver.port or free_port()
    server = ThreadingHTTPServer(("127.0.0.1", receiver.port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
