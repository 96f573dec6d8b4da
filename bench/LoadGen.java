import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The load generator of bench/overload.sh (run as {@code java bench/LoadGen.java …}, no build needed).
 * Open loop ({@code --rate R}): requests are due at Poisson-distributed instants at R per second, whatever
 * the server does, so an overloaded server sees the offered load, not a load that slows down with it (as
 * closed-loop tools do) or arrives in synchronized waves (as hey's per-worker tickers do). Closed loop
 * ({@code --concurrency C}): C clients back to back. At most {@code --max-inflight} (2000) requests are
 * open at once; an arrival beyond that is counted as skipped, not sent. Prints one line:
 * {@code LOAD sent=… ok=… shed=… other=… errors=… timeouts=… skipped=… seconds=… goodput=… p50_ms=… p99_ms=… max_ms=…},
 * the percentiles over the 2xx responses only (the admitted requests), each measured from the instant the
 * request was due, so time spent waiting for a connection counts too.
 *
 * <p>One thread and a selector over keep-alive HTTP/1.1 connections: on a machine whose cores the
 * server under test shares, a request must cost the generator a few microseconds, not the
 * hundreds of a general-purpose client, or the generator's own work caps what is measured.
 */
public final class LoadGen {

    private static final int MAX_SAMPLES = 2_000_000;
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] LAST_CHUNK = {'\r', '\n', '0', '\r', '\n', '\r', '\n'};

    /** One keep-alive connection and the response it is reading. */
    private static final class Conn {
        final SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        long dueNanos;
        boolean busy;
        Long closedLoopEnd;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final InetSocketAddress address;
    private final byte[] request;
    private final long timeoutNanos;
    private final int maxInflight;
    private final Selector selector;
    private final ArrayDeque<Conn> idle = new ArrayDeque<>();
    private final List<Conn> open = new ArrayList<>();
    private final long[] okNanos = new long[MAX_SAMPLES];
    private int okCount;
    private long sent, shed, other, errors, timeouts, skipped, done;

    private LoadGen(URI uri, String header, long timeoutNanos, int maxInflight) throws IOException {
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        this.address = new InetSocketAddress(uri.getHost(), port);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String text = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port + "\r\n"
                + (header == null ? "" : header.trim() + "\r\n") + "\r\n";
        this.request = text.getBytes(StandardCharsets.US_ASCII);
        this.timeoutNanos = timeoutNanos;
        this.maxInflight = maxInflight;
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String header = null;
        double rate = 0;
        int concurrency = 0;
        int maxInflight = 2000;
        double seconds = 10;
        double timeoutSeconds = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--timeout" -> timeoutSeconds = Double.parseDouble(args[++i]);
                case "--header" -> header = args[++i];
                case "--max-inflight" -> maxInflight = Integer.parseInt(args[++i]);
                default -> url = args[i];
            }
        }
        if (url == null || (rate <= 0) == (concurrency <= 0)) {
            System.err.println("usage: java LoadGen.java (--rate R | --concurrency C) [--seconds S] [--timeout S]"
                    + " [--max-inflight N] [--header 'Name: value'] http://HOST:PORT/PATH");
            System.exit(2);
        }
        LoadGen gen = new LoadGen(URI.create(url), header, (long) (timeoutSeconds * 1e9), maxInflight);
        long durationNanos = (long) (seconds * 1e9);
        long start = System.nanoTime();
        gen.run(rate, concurrency, start, start + durationNanos);
        gen.report(seconds);
        System.exit(0);
    }

    /** Sends until {@code end}, then lets what is open finish, bounded by the timeout. */
    private void run(double rate, int concurrency, long start, long end) throws IOException {
        SplittableRandom random = new SplittableRandom();
        double meanGapNanos = rate > 0 ? 1e9 / rate : 0;
        long nextDue = rate > 0 ? start : Long.MAX_VALUE;
        for (int i = 0; i < concurrency; i++) {
            send(start, end);
        }
        long drainUntil = end + timeoutNanos + 2_000_000_000L;
        long lastExpiry = start;
        while (true) {
            long now = System.nanoTime();
            while (nextDue <= now && nextDue < end) {
                if (sent - done >= maxInflight) {
                    skipped++; // as many requests open as a client would hold connections for
                } else {
                    send(nextDue, null);
                }
                nextDue += (long) (-Math.log(1 - random.nextDouble()) * meanGapNanos);
            }
            if (now >= end && done == sent) {
                return;
            }
            if (now >= drainUntil) {
                return;
            }
            if (now - lastExpiry > 10_000_000L) {
                expire(now);
                lastExpiry = now;
            }
            long waitNanos = Math.min(nextDue < end ? nextDue - now : end - now, 1_000_000L);
            if (waitNanos <= 0 || now >= end) {
                waitNanos = 1_000_000L;
            }
            selector.select(Math.max(1, waitNanos / 1_000_000L));
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                handle(key, (Conn) key.attachment());
            }
        }
    }

    /** Starts a request due at {@code dueNanos} on an idle connection, or on a new one. */
    private void send(long dueNanos, Long closedLoopEnd) throws IOException {
        sent++;
        Conn conn = idle.poll();
        if (conn == null) {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            conn = new Conn(channel);
            open.add(conn);
            try {
                boolean connected = channel.connect(address);
                conn.key = channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, conn);
            } catch (IOException e) {
                conn.dueNanos = dueNanos;
                conn.busy = true;
                fail(conn, false);
                return;
            }
        } else {
            conn.key.interestOps(SelectionKey.OP_WRITE);
        }
        conn.dueNanos = dueNanos;
        conn.busy = true;
        conn.closedLoopEnd = closedLoopEnd;
        conn.out = ByteBuffer.wrap(request);
        conn.in.clear();
    }

    private void handle(SelectionKey key, Conn conn) throws IOException {
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isConnectable()) {
                conn.channel.finishConnect();
                key.interestOps(SelectionKey.OP_WRITE);
            }
            if (key.isValid() && key.isWritable()) {
                conn.channel.write(conn.out);
                if (!conn.out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
            if (key.isValid() && key.isReadable()) {
                read(conn);
            }
        } catch (IOException e) {
            fail(conn, false);
        }
    }

    private void read(Conn conn) throws IOException {
        if (!conn.in.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(conn.in.capacity() * 2);
            conn.in.flip();
            bigger.put(conn.in);
            conn.in = bigger;
        }
        int n = conn.channel.read(conn.in);
        if (n < 0) {
            fail(conn, false);
            return;
        }
        byte[] bytes = conn.in.array();
        int length = conn.in.position();
        int headerEnd = indexOf(bytes, length, HEADER_END, 0);
        if (headerEnd < 0) {
            return;
        }
        String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int bodyStart = headerEnd + HEADER_END.length;
        boolean complete;
        int contentLength = headerValue(head, "content-length");
        if (contentLength >= 0) {
            complete = length - bodyStart >= contentLength;
        } else if (head.contains("transfer-encoding: chunked")) {
            complete = length - bodyStart >= 5 && (endsWith(bytes, length, LAST_CHUNK)
                    || (length - bodyStart == 5 && bytes[bodyStart] == '0'));
        } else {
            complete = true; // no body (a 204, or a server that closes after it)
        }
        if (!complete) {
            return;
        }
        int status = Integer.parseInt(head.substring(9, 12));
        finish(conn, status, head.contains("connection: close"));
    }

    private void finish(Conn conn, int status, boolean serverCloses) throws IOException {
        long took = System.nanoTime() - conn.dueNanos;
        if (status / 100 == 2) {
            if (okCount < MAX_SAMPLES) {
                okNanos[okCount] = took;
            }
            okCount++;
        } else if (status == 503) {
            shed++;
        } else {
            other++;
        }
        done++;
        conn.busy = false;
        Long end = conn.closedLoopEnd;
        if (serverCloses) {
            close(conn);
        } else {
            conn.key.interestOps(0);
            idle.push(conn);
        }
        if (end != null && System.nanoTime() < end) {
            send(System.nanoTime(), end);
        }
    }

    private void fail(Conn conn, boolean timedOut) throws IOException {
        if (conn.busy) {
            if (timedOut) {
                timeouts++;
            } else {
                errors++;
            }
            done++;
            conn.busy = false;
        }
        Long end = conn.closedLoopEnd;
        close(conn);
        if (end != null && System.nanoTime() < end) {
            send(System.nanoTime(), end);
        }
    }

    private void close(Conn conn) {
        open.remove(conn);
        idle.remove(conn);
        if (conn.key != null) {
            conn.key.cancel();
        }
        try {
            conn.channel.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Requests open longer than the timeout count as timeouts; their connections are dropped. */
    private void expire(long now) throws IOException {
        for (Conn conn : List.copyOf(open)) {
            if (conn.busy && now - conn.dueNanos > timeoutNanos) {
                fail(conn, true);
            }
        }
    }

    private static int headerValue(String head, String name) {
        int at = head.indexOf("\r\n" + name + ":");
        if (at < 0) {
            return -1;
        }
        int from = at + name.length() + 3;
        int to = head.indexOf("\r\n", from);
        return Integer.parseInt(head.substring(from, to < 0 ? head.length() : to).trim());
    }

    private static int indexOf(byte[] bytes, int length, byte[] needle, int from) {
        outer:
        for (int i = from; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean endsWith(byte[] bytes, int length, byte[] suffix) {
        return length >= suffix.length && indexOf(bytes, length, suffix, length - suffix.length) >= 0;
    }

    private void report(double seconds) {
        int n = Math.min(okCount, MAX_SAMPLES);
        long[] lat = Arrays.copyOf(okNanos, n);
        Arrays.sort(lat);
        System.out.printf(Locale.ROOT, "LOAD sent=%d ok=%d shed=%d other=%d errors=%d timeouts=%d skipped=%d seconds=%.3f"
                + " goodput=%.1f p50_ms=%s p99_ms=%s max_ms=%s%n", sent, okCount, shed, other, errors, timeouts,
                skipped, seconds, okCount / seconds, pct(lat, 0.50), pct(lat, 0.99),
                n == 0 ? "-" : String.format(Locale.ROOT, "%.1f", lat[n - 1] / 1e6));
    }

    private static String pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return String.format(Locale.ROOT, "%.1f", sorted[Math.max(0, i)] / 1e6);
    }
}
