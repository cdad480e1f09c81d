package dev.guildhall.platform;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The 64 KiB body limit for bodies sent without a Content-Length (chunked), counted while the
 * entity is read; {@link BodyLimit} refuses declared lengths before any reading.
 */
@Provider
public class BodyLimitInterceptor implements ReaderInterceptor {

    public static final long LIMIT = 64 * 1024;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Counting(context.getInputStream()));
        return context.proceed();
    }

    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) add(n);
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > LIMIT) {
                throw new ProblemException(413, "body-too-large", "Payload too large",
                        "The body is larger than " + LIMIT / 1024 + " KiB", null, null);
            }
        }
    }
}
