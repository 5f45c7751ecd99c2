#!/usr/bin/python3
"""One libzmq socket driven over stdin/stdout, for jzmtp's interop tests (LibzmqPeer.java is the other end).

Run with Debian's /usr/bin/python3 (python3-zmq). Every request is one line on stdin and gets exactly one answer
line on stdout: "ok [value]", "msg ...", "event ...", "timeout" or "error <what went wrong>". Frames travel as
lower-case hex, comma separated; an empty frame is the empty string, so "send ," sends two empty frames.

    version                    -> ok <libzmq version>
    socket TYPE                -> ok              (PAIR, PUSH, PULL, ...; LINGER 500 ms, SNDTIMEO 10 s)
    setsockopt NAME INT        -> ok              (e.g. setsockopt MAXMSGSIZE 1000)
    setbytes NAME HEX          -> ok              (bytes options: ROUTING_ID, CONNECT_ROUTING_ID, SUBSCRIBE, ...)
    subscribe HEX              -> ok              (SUB: setsockopt SUBSCRIBE; XSUB: sends 01+topic)
    unsubscribe HEX            -> ok              (SUB: setsockopt UNSUBSCRIBE; XSUB: sends 00+topic)
    bind ENDPOINT              -> ok <LAST_ENDPOINT>  (tcp://127.0.0.1:* picks a free port)
    connect ENDPOINT           -> ok
    send HEX,HEX,...           -> ok | timeout    (timeout after SNDTIMEO)
    trysend HEX,HEX,...        -> ok | again | error ...  (DONTWAIT; EHOSTUNREACH etc. become "error")
    recv MILLIS                -> msg <peer Socket-Type or -> HEX,HEX,... | timeout
    events                     -> ok <ZMQ_EVENTS>  (also makes libzmq process pending commands: a bound socket
                                                   attaches new connections only when its owner calls it)
    drain MILLIS               -> ok COUNT [HEX,HEX;HEX,...]  (every message until none arrives within MILLIS)
    monitor                    -> ok              (records this socket's monitor events from now on)
    event MILLIS               -> event <NAME> <value> <endpoint> | timeout   (next recorded event, in order)
    zap STATUS USERID          -> ok              (a ZAP handler in this process: answers every request with STATUS
                                                   and USERID, metadata X-Role=tester; before bind/connect)
    zaprequests                -> ok COUNT [HEX,HEX,...]   (requests the handler saw; the last one's frames)
    recvuser MILLIS            -> msg <User-Id or -> HEX,HEX,... | timeout   (as recv, with the message's User-Id)
    close                      -> ok
    quit                       -> ok, then exit   (EOF on stdin does the same)

Loopback only: the tests bind and connect 127.0.0.1 and nothing else.
"""

import binascii
import struct
import sys
import threading

import zmq
import zmq.utils.monitor


def hex_frames(frames):
    return ",".join(binascii.hexlify(bytes(f.buffer)).decode("ascii") for f in frames)


def parse_frames(text):
    return [binascii.unhexlify(part) for part in text.split(",")]


class Driver:
    def __init__(self):
        self.ctx = zmq.Context.instance()
        self.sock = None
        self.mon = None

    def socket(self, type_name):
        if self.sock is not None:
            raise ValueError("socket already created")
        self.sock = self.ctx.socket(getattr(zmq, type_name))
        self.sock.setsockopt(zmq.LINGER, 500)
        self.sock.setsockopt(zmq.SNDTIMEO, 10000)
        return "ok"

    def setsockopt(self, name, value):
        self.sock.setsockopt(getattr(zmq, name), int(value))
        return "ok"

    def setbytes(self, name, text=""):
        self.sock.setsockopt(getattr(zmq, name), binascii.unhexlify(text))
        return "ok"

    def subscribe(self, text=""):
        return self._subscription(text, True)

    def unsubscribe(self, text=""):
        return self._subscription(text, False)

    def _subscription(self, text, on):
        topic = binascii.unhexlify(text)
        if self.sock.type == zmq.XSUB:
            self.sock.send((b"\x01" if on else b"\x00") + topic)
        else:
            self.sock.setsockopt(zmq.SUBSCRIBE if on else zmq.UNSUBSCRIBE, topic)
        return "ok"

    def bind(self, endpoint):
        self.sock.bind(endpoint)
        return "ok " + self.sock.getsockopt(zmq.LAST_ENDPOINT).decode("ascii")

    def connect(self, endpoint):
        self.sock.connect(endpoint)
        return "ok"

    def send(self, text):
        try:
            self.sock.send_multipart(parse_frames(text))
        except zmq.Again:
            return "timeout"
        return "ok"

    def trysend(self, text):
        try:
            self.sock.send_multipart(parse_frames(text), flags=zmq.DONTWAIT)
        except zmq.Again:
            return "again"
        return "ok"

    def events(self):
        return "ok %d" % self.sock.getsockopt(zmq.EVENTS)

    def drain(self, millis):
        messages = []
        while self.sock.poll(int(millis), zmq.POLLIN):
            messages.append(hex_frames(self.sock.recv_multipart(copy=False)))
        return ("ok %d %s" % (len(messages), ";".join(messages))).rstrip(" ")

    def recv(self, millis):
        if not self.sock.poll(int(millis), zmq.POLLIN):
            return "timeout"
        frames = self.sock.recv_multipart(copy=False)
        peer_type = None
        for frame in frames:   # a ROUTER's routing-id frame is made locally and carries no metadata
            try:
                peer_type = frame.get("Socket-Type")
                break
            except zmq.ZMQError:
                pass
        return "msg %s %s" % (peer_type or "-", hex_frames(frames))

    def zap(self, status, user_id=""):
        handler = self.ctx.socket(zmq.REP)
        handler.bind("inproc://zeromq.zap.01")
        self.zap_requests = []
        metadata = b"\x06X-Role" + struct.pack(">I", 6) + b"tester"

        def serve():
            while True:
                try:
                    request = handler.recv_multipart()
                except zmq.ZMQError:   # the context is ending
                    break
                self.zap_requests.append(request)
                handler.send_multipart([b"1.0", request[1], status.encode(), b"from the test",
                                        user_id.encode(), metadata])
            handler.close(linger=0)

        threading.Thread(target=serve, daemon=True).start()
        return "ok"

    def zaprequests(self):
        requests = getattr(self, "zap_requests", [])
        last = ",".join(binascii.hexlify(f).decode("ascii") for f in requests[-1]) if requests else ""
        return ("ok %d %s" % (len(requests), last)).rstrip(" ")

    def recvuser(self, millis):
        if not self.sock.poll(int(millis), zmq.POLLIN):
            return "timeout"
        frames = self.sock.recv_multipart(copy=False)
        user = None
        for frame in frames:
            try:
                user = frame.get("User-Id")
                break
            except zmq.ZMQError:
                pass
        return "msg %s %s" % (user or "-", hex_frames(frames))

    def monitor(self):
        self.mon = self.sock.get_monitor_socket()
        return "ok"

    def event(self, millis):
        if self.mon is None:
            raise ValueError("monitor not started")
        if not self.mon.poll(int(millis), zmq.POLLIN):
            return "timeout"
        ev = zmq.utils.monitor.recv_monitor_message(self.mon)
        try:
            name = zmq.Event(ev["event"]).name
        except ValueError:
            name = "EVENT_%d" % ev["event"]
        endpoint = ev["endpoint"].decode("ascii", "replace") if ev["endpoint"] else "-"
        return "event %s %d %s" % (name, ev["value"], endpoint)

    def close(self):
        if self.mon is not None:
            self.sock.disable_monitor()
            self.mon.close(linger=0)
            self.mon = None
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        return "ok"

    def version(self):
        return "ok " + zmq.zmq_version()


def main():
    driver = Driver()
    handlers = {
        "version": driver.version,
        "socket": driver.socket,
        "setsockopt": driver.setsockopt,
        "setbytes": driver.setbytes,
        "subscribe": driver.subscribe,
        "unsubscribe": driver.unsubscribe,
        "trysend": driver.trysend,
        "drain": driver.drain,
        "events": driver.events,
        "bind": driver.bind,
        "connect": driver.connect,
        "send": driver.send,
        "recv": driver.recv,
        "monitor": driver.monitor,
        "event": driver.event,
        "close": driver.close,
        "zap": driver.zap,
        "zaprequests": driver.zaprequests,
        "recvuser": driver.recvuser,
    }
    while True:
        line = sys.stdin.readline()
        if not line:
            break
        words = line.rstrip("\n").split(" ")
        if words[0] == "quit":
            print("ok", flush=True)
            break
        handler = handlers.get(words[0])
        try:
            if handler is None:
                raise ValueError("unknown request " + repr(words[0]))
            answer = handler(*words[1:])
        except Exception as e:  # every failure becomes an answer line; the Java side turns it into a test failure
            answer = "error %s: %s" % (type(e).__name__, str(e).replace("\n", " "))
        print(answer, flush=True)
    driver.close()
    driver.ctx.term()


if __name__ == "__main__":
    main()
