package dev.guildhall.support;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte on a socket, for what REST Assured will not send: NUL and other control
 * characters in headers, bodies cut short, headers never finished. Reads one answer.
 */
public final class RawHttp {

    /** One parsed answer: status, headers (lower-case names) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    public static Socket connect() throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends {@code request} (latin-1 bytes, so {@code \0} stays one byte) on a new connection and reads the answer. */
    public static Answer exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            send(socket, request);
            return read(socket.getInputStream());
        }
    }

    public static void send(Socket socket, String bytes) throws IOException {
        socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads one answer: its head, then Content-Length bytes of body. */
    public static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        if (lines.length == 0 || !lines[0].startsWith("HTTP/")) throw new IOException("no answer: " + head);
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** True when the server closed the connection within {@code millis} (a read sees the end of the stream). */
    public static boolean closedWithin(Socket socket, long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Math.min(1000, deadline - System.currentTimeMillis())));
            try {
                if (socket.getInputStream().read() < 0) return true;
            } catch (SocketTimeoutException e) {
                // still open: keep waiting
            } catch (IOException e) {
                return true; // reset by the server
            }
        }
        return false;
    }
}
