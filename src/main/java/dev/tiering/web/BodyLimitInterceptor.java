package dev.tiering.web;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of a request body as JAX-RS reads it and stops at {@code
 * quarkus.http.limits.max-body-size} with {@link BodyTooLargeException}, so that a chunked body
 * (which declares no length) gets the same 413 problem as one refused up front by {@link
 * BodyLimit}.
 */
@Provider
public class BodyLimitInterceptor implements ReaderInterceptor {
    private final BodyLimit bodyLimit;

    public BodyLimitInterceptor(BodyLimit bodyLimit) {
        this.bodyLimit = bodyLimit;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        long limit = bodyLimit.limit();
        if (limit >= 0) {
            context.setInputStream(new Limited(context.getInputStream(), limit));
        }
        return context.proceed();
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
