#!/usr/bin/python3
"""Connection life cycles against a jzmtp socket, for HandshakeStressInteropIT (Debian's /usr/bin/python3).

Every cycle uses a new libzmq socket, so a new TCP connection, greeting and READY, then one request and its reply,
then a close. Loopback only.

    handshake_cycles.py req-connect ENDPOINT COUNT   each cycle: a REQ connects, sends "cycle-N", expects "re-cycle-N"
    handshake_cycles.py rep-bind COUNT               a REP binds tcp://127.0.0.1:*, prints "port P", then answers
                                                     COUNT requests with "re-" + the request

The last line is "ok COUNT", or "stall N <what>" when a step took longer than 20 s (exit status 1).
"""

import sys

import zmq

STALL_MS = 20000


def req_connect(ctx, endpoint, count):
    for n in range(count):
        s = ctx.socket(zmq.REQ)
        s.setsockopt(zmq.LINGER, 0)
        s.setsockopt(zmq.SNDTIMEO, STALL_MS)
        s.setsockopt(zmq.RCVTIMEO, STALL_MS)
        try:
            s.connect(endpoint)
            request = b"cycle-%d" % n
            try:
                s.send(request)
            except zmq.Again:
                return "stall %d send" % n
            try:
                reply = s.recv()
            except zmq.Again:
                return "stall %d no reply" % n
            if reply != b"re-" + request:
                return "error %d wrong reply %r" % (n, reply)
        finally:
            s.close()
    return "ok %d" % count


def rep_bind(ctx, count):
    s = ctx.socket(zmq.REP)
    s.setsockopt(zmq.LINGER, 1000)
    s.setsockopt(zmq.RCVTIMEO, STALL_MS)
    s.setsockopt(zmq.SNDTIMEO, STALL_MS)
    s.bind("tcp://127.0.0.1:*")
    print("port %s" % s.getsockopt_string(zmq.LAST_ENDPOINT).rsplit(":", 1)[1], flush=True)
    try:
        for n in range(count):
            try:
                request = s.recv()
            except zmq.Again:
                return "stall %d no request" % n
            s.send(b"re-" + request)
        return "ok %d" % count
    finally:
        s.close()


def main():
    ctx = zmq.Context()
    try:
        if sys.argv[1] == "req-connect":
            result = req_connect(ctx, sys.argv[2], int(sys.argv[3]))
        elif sys.argv[1] == "rep-bind":
            result = rep_bind(ctx, int(sys.argv[2]))
        else:
            result = "error unknown mode %s" % sys.argv[1]
    finally:
        ctx.term()
    print(result, flush=True)
    return 0 if result.startswith("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
