package org.belladonna.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bare HTTP/1.1 client on a socket: sends exactly the headers given (Host included, which java.net.http
 * refuses to set) and streams a generated body of any size from a bounded writer thread while reading the
 * answer, like a browser does. Connects to the given address only (tests use 127.0.0.1 or this machine's
 * own address); every read has a timeout.
 */
public final class RawHttp {
    public static final String BOUNDARY = "----proto7MA4YWxkTrZu0gW";

    public record Reply(int status, Map<String, String> headers, String body, long clientBytesWritten, Throwable writeError, long millis) {
        @Override
        public String toString() {
            return "status=" + status + " clientBytesWritten=" + clientBytesWritten + " writeError=" + (writeError == null ? null : writeError.getClass().getSimpleName() + ": " + writeError.getMessage())
                    + " ms=" + millis + " headers=" + headers + " body=" + (body.length() > 200 ? body.substring(0, 200) : body);
        }
    }

    /** A multipart body: given text fields, then one file part of fileBytes filler bytes, then the end. */
    public static final class Multipart {
        final byte[] prefix;
        final long fileBytes;
        final byte[] suffix;
        /** Stop writing after this many body bytes (the rest is withheld, as if the link were slow). */
        long sendLimit = Long.MAX_VALUE;

        public Multipart withheldAfter(long bytes) {
            this.sendLimit = bytes;
            return this;
        }

        public Multipart(Map<String, String> fields, String fileField, String fileName, long fileBytes) {
            StringBuilder p = new StringBuilder();
            fields.forEach((k, v) -> p.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
            if (fileField != null) {
                p.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"").append(fileField)
                        .append("\"; filename=\"").append(fileName).append("\"\r\nContent-Type: application/zip\r\n\r\n");
            }
            this.prefix = p.toString().getBytes(StandardCharsets.UTF_8);
            this.fileBytes = fileField == null ? 0 : fileBytes;
            this.suffix = ((fileField == null ? "" : "\r\n") + "--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        }

        public long length() {
            return prefix.length + fileBytes + suffix.length;
        }

        /** n text fields "f0".."f(n-1)" and no file. */
        public static Multipart manyFields(int n) {
            Map<String, String> f = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                f.put("f" + i, "v");
            }
            return new Multipart(f, null, null, 0);
        }
    }

    public static Reply post(int port, String path, Map<String, String> headers, Multipart body, boolean chunked, int timeoutMs) throws IOException {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\n");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:" + port);
        h.put("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        if (chunked) {
            h.put("Transfer-Encoding", "chunked");
        } else {
            h.put("Content-Length", Long.toString(body.length()));
        }
        h.putAll(headers);
        return exchange(port, head(head, h), body, chunked, timeoutMs);
    }

    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /** POST with a Content-Length body produced by a writer (for shapes Multipart does not make). */
    public static Reply postGenerated(int port, String path, Map<String, String> headers, String contentType, long length, BodyWriter writer, int timeoutMs) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:" + port);
        h.put("Content-Type", contentType);
        h.put("Content-Length", Long.toString(length));
        h.putAll(headers);
        byte[] head = head(new StringBuilder("POST " + path + " HTTP/1.1\r\n"), h);
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(head);
            AtomicReference<Throwable> err = new AtomicReference<>();
            Thread w = new Thread(() -> {
                try {
                    writer.write(new java.io.BufferedOutputStream(out, 65536) {
                        @Override
                        public void close() {
                        }
                    });
                    out.flush();
                } catch (Throwable e) {
                    err.set(e);
                }
            });
            w.setDaemon(true);
            w.start();
            Answer a = Answer.read(s.getInputStream());
            s.close();
            return new Reply(a.status(), a.headers(), a.text(), -1, err.get(), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    public static Reply get(int port, String path, Map<String, String> headers, int timeoutMs) throws IOException {
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:" + port);
        h.put("Connection", "close");
        h.putAll(headers);
        return exchange(port, head(head, h), null, false, timeoutMs);
    }

    /** Sends a whole request exactly as written (request line, headers, body) and reads the answer. */
    public static Reply send(String address, int port, String request, int timeoutMs) throws IOException {
        return exchange(address, port, request.getBytes(StandardCharsets.UTF_8), null, false, timeoutMs);
    }

    public static Reply exchange(int port, byte[] head, Multipart body, boolean chunked, int timeoutMs) throws IOException {
        return exchange("127.0.0.1", port, head, body, chunked, timeoutMs);
    }

    private static Reply exchange(String address, int port, byte[] head, Multipart body, boolean chunked, int timeoutMs) throws IOException {
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(head);
            out.flush();
            AtomicLong written = new AtomicLong();
            AtomicReference<Throwable> writeError = new AtomicReference<>();
            Thread writer = null;
            if (body != null) {
                writer = new Thread(() -> {
                    try {
                        writeBody(out, body, chunked, written);
                    } catch (Throwable e) {
                        writeError.set(e);
                    }
                }, "raw-http-writer");
                writer.setDaemon(true);
                writer.start();
            }
            Answer a = Answer.read(s.getInputStream());
            s.close(); // stops the writer too
            if (writer != null) {
                writer.join(10_000);
            }
            return new Reply(a.status(), a.headers(), a.text(), written.get(), writeError.get(), (System.nanoTime() - t0) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The request line, then each header whose value is not null, then the blank line. */
    private static byte[] head(StringBuilder requestLine, Map<String, String> headers) {
        headers.forEach((k, v) -> {
            if (v != null) {
                requestLine.append(k).append(": ").append(v).append("\r\n");
            }
        });
        return requestLine.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** What came back: status -1 and the exception as text when the answer could not be read. */
    private record Answer(int status, Map<String, String> headers, String text) {
        static Answer read(InputStream in) {
            Map<String, String> headers = new LinkedHashMap<>();
            try {
                String statusLine = readLine(in);
                int status = statusLine == null ? -1 : Integer.parseInt(statusLine.split(" ")[1]);
                for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                    int c = line.indexOf(':');
                    headers.put(line.substring(0, c).trim().toLowerCase(Locale.ROOT), line.substring(c + 1).trim());
                }
                return new Answer(status, headers, readBody(in, headers));
            } catch (IOException e) {
                return new Answer(-1, headers, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private static void writeBody(OutputStream out, Multipart body, boolean chunked, AtomicLong written) throws IOException {
        byte[] filler = new byte[64 * 1024];
        Arrays.fill(filler, (byte) 'x');
        write(out, body.prefix, body.prefix.length, chunked, written, body.sendLimit);
        long left = body.fileBytes;
        while (left > 0) {
            int n = (int) Math.min(filler.length, left);
            write(out, filler, n, chunked, written, body.sendLimit);
            left -= n;
        }
        write(out, body.suffix, body.suffix.length, chunked, written, body.sendLimit);
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    private static void write(OutputStream out, byte[] b, int n, boolean chunked, AtomicLong written, long sendLimit) throws IOException {
        if (written.get() + n > sendLimit) {
            n = (int) Math.max(0, sendLimit - written.get());
            if (n > 0) {
                write(out, b, n, chunked, written, Long.MAX_VALUE);
            }
            out.flush();
            throw new Withheld();
        }
        if (chunked) {
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(b, 0, n);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        written.addAndGet(n);
    }

    /** The writer stopped on purpose at sendLimit. */
    static final class Withheld extends IOException {
        Withheld() {
            super("rest of the body withheld");
        }
    }

    private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        String cl = headers.get("content-length");
        try {
            if (cl != null) {
                buf.write(in.readNBytes(Integer.parseInt(cl)));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) {
                    buf.write(in.readNBytes(size));
                    readLine(in);
                }
            } else {
                in.transferTo(buf);
            }
        } catch (SocketTimeoutException e) {
            buf.write(("[timeout]").getBytes(StandardCharsets.UTF_8));
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Bounded wait for a condition (no timed assertion: the caller asserts the condition afterwards). */
    public static void await(java.util.function.BooleanSupplier condition, long maxMillis) throws InterruptedException {
        long end = System.nanoTime() + maxMillis * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }
}
