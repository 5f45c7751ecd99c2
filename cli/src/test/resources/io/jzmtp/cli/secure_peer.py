#!/usr/bin/python3
"""A libzmq socket with PLAIN or CURVE security, driven over stdin/stdout for the launcher's security tests
(SecurePeer.java is the other end). Each request is one line and gets one answer line: "ok [...]", "msg ...",
"timeout" or "error <what went wrong>". Messages are single-frame UTF-8 text.

    socket TYPE              -> ok               (REQ, REP, ...; its monitor runs from now on; LINGER 0)
    set NAME VALUE           -> ok               (PLAIN_SERVER/CURVE_SERVER 0|1; CURVE_* keys in Z85; other text)
    zap STATUS USERID        -> ok               (a ZAP handler in this context answering every request so)
    zaprequest               -> ok DOMAIN MECHANISM WHO SECRET | none   (the last request; WHO is the PLAIN user or
                                                 the CURVE key in Z85, SECRET the PLAIN password or -; "" shows as -)
    bind ENDPOINT            -> ok <LAST_ENDPOINT>
    connect ENDPOINT         -> ok
    send TEXT                -> ok | timeout
    recv MILLIS              -> msg <User-Id or -> TEXT | timeout
    event NAMES MILLIS       -> ok <name> <value>  (the next monitor event named in NAMES, e.g. A|B; others are
                                                 skipped) | timeout
    close                    -> ok               (then "socket" may open another)
    certificate PATH         -> ok PUBLIC SECRET|-   (zmq.auth.load_certificate)
    makecert DIR NAME        -> ok PUBLIC_FILE SECRET_FILE   (zmq.auth.create_certificates)
    quit                     -> ok, then exit    (EOF on stdin does the same)
"""

import sys
import threading
import time

import zmq
import zmq.auth
import zmq.utils.monitor
import zmq.utils.z85

INT_OPTIONS = {"PLAIN_SERVER", "CURVE_SERVER"}
KEY_OPTIONS = {"CURVE_SERVERKEY", "CURVE_PUBLICKEY", "CURVE_SECRETKEY"}


def dash(value):
    return value if value else "-"


class Driver:
    def __init__(self):
        self.ctx = zmq.Context()
        self.sock = None
        self.mon = None
        self.zap_requests = []

    def socket(self, type_name):
        self.sock = self.ctx.socket(getattr(zmq, type_name))
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.setsockopt(zmq.SNDTIMEO, 10000)
        self.mon = self.sock.get_monitor_socket()
        return "ok"

    def set(self, name, value=""):
        option = getattr(zmq, name)
        if name in INT_OPTIONS:
            self.sock.setsockopt(option, int(value))
        elif name in KEY_OPTIONS:
            self.sock.setsockopt(option, zmq.utils.z85.decode(value.encode("ascii")))
        else:
            self.sock.setsockopt(option, value.encode("utf-8"))
        return "ok"

    def zap(self, status, user_id=""):
        handler = self.ctx.socket(zmq.REP)
        handler.setsockopt(zmq.LINGER, 0)
        handler.bind("inproc://zeromq.zap.01")

        def serve():
            while True:
                try:
                    request = handler.recv_multipart()
                    self.zap_requests.append(request)
                    handler.send_multipart([b"1.0", request[1], status.encode(), b"from the test",
                                            user_id.encode(), b""])
                except zmq.ZMQError:   # the context is ending
                    break
            handler.close()

        threading.Thread(target=serve, daemon=True).start()
        return "ok"

    def zaprequest(self):
        if not self.zap_requests:
            return "none"
        request = self.zap_requests[-1]
        domain, mechanism = request[2].decode(), request[5].decode()
        if mechanism == "PLAIN":
            who, secret = request[6].decode(), request[7].decode()
        elif mechanism == "CURVE":
            who, secret = zmq.utils.z85.encode(request[6]).decode(), ""
        else:
            who, secret = "", ""
        return "ok %s %s %s %s" % (dash(domain), mechanism, dash(who), dash(secret))

    def bind(self, endpoint):
        self.sock.bind(endpoint)
        return "ok " + self.sock.getsockopt(zmq.LAST_ENDPOINT).decode("ascii")

    def connect(self, endpoint):
        self.sock.connect(endpoint)
        return "ok"

    def send(self, *words):
        try:
            self.sock.send(" ".join(words).encode("utf-8"))
        except zmq.Again:
            return "timeout"
        return "ok"

    def recv(self, millis):
        if not self.sock.poll(int(millis), zmq.POLLIN):
            return "timeout"
        frame = self.sock.recv(copy=False)
        try:
            user = frame.get("User-Id")
        except zmq.ZMQError:
            user = None
        return "msg %s %s" % (dash(user), bytes(frame.buffer).decode("utf-8"))

    def event(self, names, millis):
        deadline = time.monotonic() + int(millis) / 1000.0
        while True:
            left = int((deadline - time.monotonic()) * 1000)
            if left <= 0 or not self.mon.poll(left, zmq.POLLIN):
                return "timeout"
            ev = zmq.utils.monitor.recv_monitor_message(self.mon)
            try:
                event_name = zmq.Event(ev["event"]).name
            except ValueError:
                event_name = "EVENT_%d" % ev["event"]
            if event_name in names.split("|"):
                return "ok %s %d" % (event_name, ev["value"])

    def close(self):
        if self.sock is not None:
            self.sock.disable_monitor()
            self.mon.close(linger=0)
            self.sock.close()
            self.sock = None
        return "ok"

    def certificate(self, path):
        public, secret = zmq.auth.load_certificate(path)
        return "ok %s %s" % (public.decode("ascii"), secret.decode("ascii") if secret else "-")

    def makecert(self, directory, name):
        public_file, secret_file = zmq.auth.create_certificates(directory, name)
        return "ok %s %s" % (public_file, secret_file)


def main():
    driver = Driver()
    while True:
        line = sys.stdin.readline()
        if not line:
            break
        words = line.rstrip("\n").split(" ")
        if words[0] == "quit":
            print("ok", flush=True)
            break
        handler = getattr(driver, words[0], None) if not words[0].startswith("_") else None
        try:
            if handler is None:
                raise ValueError("unknown request " + repr(words[0]))
            answer = handler(*words[1:])
        except Exception as e:  # every failure is an answer; the Java side turns it into a test failure
            answer = "error %s: %s" % (type(e).__name__, str(e).replace("\n", " "))
        print(answer, flush=True)
    driver.close()
    driver.ctx.term()


if __name__ == "__main__":
    main()
