package dev.guildhall.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One kept-alive HTTP/1.1 connection, written and read by hand on the calling thread. For tests that time a burst of
 * calls: a full client (the JDK's hands each response from its selector thread to an executor and on to the caller)
 * added up to 0.7 s to a burst of 80 on the 2-core build machine, after the API had answered them all.
 */
public final class PlainHttp implements Closeable {

    /** An answer: status, headers (names in lower case) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {}

    private final Socket socket;
    private final String host;
    private final InputStream in;
    private final OutputStream out;

    public PlainHttp(URI base) {
        try {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            host = base.getHost() + ":" + base.getPort();
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one request ({@code body} null for none, else JSON) and reads its answer. */
    public Answer call(String method, String path, Map<String, String> headers, String body) {
        try {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append("\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
            }
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer read() throws IOException {
        int status = Integer.parseInt(line().split(" ", 3)[1]);
        Map<String, String> headers = new HashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else {
            body.write(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new EOFException("the connection closed mid-answer");
            if (c != '\r') line.append((char) c);
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
