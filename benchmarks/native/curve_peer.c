/*
 * libzmq with CURVE under the perf contract of ../../../shared/bench/README.md, for benchmarks/scripts/curve-peers.sh:
 *   curve_peer <thr-recv|thr-send|lat-server|lat-client> <endpoint> <msg-size> <count>
 * The binding side is the CURVE server, the connecting side the client. The keys are fixed test keys derived from
 * the secrets 00..1f (server) and 20..3f (client), the same ones PerfMain uses with BENCH_CURVE=1.
 * Build: gcc -O2 -o curve_peer curve_peer.c -lzmq
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what) {
    fprintf(stderr, "curve_peer: %s: %s\n", what, zmq_strerror(zmq_errno()));
    exit(1);
}

static void keys(int first, char *public_z85, char *secret_z85) {
    uint8_t secret[32];
    for (int i = 0; i < 32; i++) secret[i] = (uint8_t) (first + i);
    zmq_z85_encode(secret_z85, secret, 32);
    if (zmq_curve_public(public_z85, secret_z85) != 0) die("curve_public");
}

static void *open_socket(void *ctx, int type, int server, const char *endpoint) {
    char spub[41], ssec[41], cpub[41], csec[41];
    keys(0x00, spub, ssec);
    keys(0x20, cpub, csec);
    void *s = zmq_socket(ctx, type);
    int linger = -1;
    zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
    if (server) {
        int one = 1;
        zmq_setsockopt(s, ZMQ_CURVE_SERVER, &one, sizeof one);
        zmq_setsockopt(s, ZMQ_CURVE_SECRETKEY, ssec, 40);
        if (zmq_bind(s, endpoint) != 0) die("bind");
    } else {
        zmq_setsockopt(s, ZMQ_CURVE_SERVERKEY, spub, 40);
        zmq_setsockopt(s, ZMQ_CURVE_PUBLICKEY, cpub, 40);
        zmq_setsockopt(s, ZMQ_CURVE_SECRETKEY, csec, 40);
        if (zmq_connect(s, endpoint) != 0) die("connect");
    }
    return s;
}

static void recv_sized(void *s, zmq_msg_t *m, size_t size) {
    if (zmq_msg_recv(m, s, 0) < 0) die("recv");
    if (zmq_msg_size(m) != size) { fprintf(stderr, "curve_peer: bad size %zu\n", zmq_msg_size(m)); exit(1); }
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: curve_peer <mode> <endpoint> <size> <count>\n"); return 2; }
    const char *mode = argv[1], *ep = argv[2];
    size_t size = (size_t) atol(argv[3]);
    long count = atol(argv[4]);
    void *ctx = zmq_ctx_new();
    zmq_msg_t m;
    zmq_msg_init(&m);
    char *payload = calloc(size + 1, 1);
    if (!strcmp(mode, "thr-recv")) {
        void *s = open_socket(ctx, ZMQ_PULL, 1, ep);
        recv_sized(s, &m, size);
        double t0 = now(), tw = t0;
        long warm = count / 10;
        for (long i = 1; i < count; i++) { recv_sized(s, &m, size); if (i == warm) tw = now(); }
        double t1 = now(), rate = (count - 1) / (t1 - t0);
        printf("RESULT impl=libzmq-curve test=thr size=%zu count=%ld elapsed_s=%.4f msgs_per_s=%.0f mb_per_s=%.2f "
               "warm_msgs_per_s=%.0f\n", size, count, t1 - t0, rate, rate * size / 1e6,
               (count - 1 - warm) / (t1 - tw));
        zmq_close(s);
    } else if (!strcmp(mode, "thr-send")) {
        void *s = open_socket(ctx, ZMQ_PUSH, 0, ep);
        for (long i = 0; i < count; i++) if (zmq_send(s, payload, size, 0) < 0) die("send");
        zmq_close(s);
    } else if (!strcmp(mode, "lat-server")) {
        void *s = open_socket(ctx, ZMQ_REP, 1, ep);
        for (long i = 0; i < count + count / 2; i++) {
            recv_sized(s, &m, size);
            if (zmq_msg_send(&m, s, 0) < 0) die("send");
        }
        zmq_close(s);
    } else if (!strcmp(mode, "lat-client")) {
        void *s = open_socket(ctx, ZMQ_REQ, 0, ep);
        double *rtt = malloc(sizeof(double) * count);
        for (long i = 0; i < count / 2; i++) { zmq_send(s, payload, size, 0); recv_sized(s, &m, size); }
        double t0 = now();
        for (long i = 0; i < count; i++) {
            double a = now();
            if (zmq_send(s, payload, size, 0) < 0) die("send");
            recv_sized(s, &m, size);
            rtt[i] = (now() - a) * 1e6;
        }
        double total = (now() - t0) * 1e6;
        qsort(rtt, count, sizeof(double), cmp);
        printf("RESULT impl=libzmq-curve test=lat size=%zu count=%ld warmup=%ld rtt_mean_us=%.2f rtt_p50_us=%.2f "
               "rtt_p99_us=%.2f rtt_min_us=%.2f rtt_max_us=%.2f\n", size, count, count / 2, total / count,
               rtt[(count + 1) / 2 - 1], rtt[(long) (count * 0.99 + 0.5) - 1], rtt[0], rtt[count - 1]);
        zmq_close(s);
    } else {
        fprintf(stderr, "curve_peer: unknown mode %s\n", mode);
        return 2;
    }
    zmq_msg_close(&m);
    zmq_ctx_term(ctx);
    return 0;
}
