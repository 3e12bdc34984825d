package dev.tiering.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.tiering.model.Classification;
import dev.tiering.model.OperatorProfile;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The answer of a batch, worked out on every core: the profiles are cut into chunks, each chunk is
 * classified and written as JSON on a core of its own (the request's thread takes the first), and
 * the chunks' bytes are sent in order. Classifying and writing JSON are the two halves of a batch's
 * cost (JFR, BENCHMARKS.md), and both run in the chunk. Nothing is sent before every chunk has
 * succeeded, so a profile that fails (a rule that runs away on it) is still a clean problem answer,
 * never half an array.
 *
 * <p>The pool has one thread per core and is shared by all batches: concurrent batches queue for
 * the cores instead of multiplying threads.
 */
@Singleton
public class BatchAnswers {
    /** Below this many profiles a chunk is not worth a hand-off to another thread. */
    static final int MIN_CHUNK = 32;

    private final int cores = Runtime.getRuntime().availableProcessors();
    private final ExecutorService pool = Executors.newFixedThreadPool(cores, new Named());
    private final ObjectWriter writer;

    public BatchAnswers(ObjectMapper mapper) {
        this.writer = mapper.writerFor(Classification.class).withRootValueSeparator(",");
    }

    /**
     * The JSON array of {@code classify} applied to each profile, in the order of {@code profiles}.
     */
    public StreamingOutput answer(
            List<OperatorProfile> profiles, Function<OperatorProfile, Classification> classify) {
        int n = profiles.size();
        int chunks = Math.max(1, Math.min(cores, n / MIN_CHUNK));
        int size = (n + chunks - 1) / Math.max(1, chunks);
        List<Future<byte[]>> later = new ArrayList<>(chunks);
        for (int from = size; from < n; from += size) {
            List<OperatorProfile> chunk = profiles.subList(from, Math.min(n, from + size));
            later.add(pool.submit(() -> write(chunk, classify)));
        }
        List<byte[]> parts = new ArrayList<>(chunks);
        try {
            parts.add(write(profiles.subList(0, Math.min(n, size)), classify));
            for (Future<byte[]> f : later) {
                parts.add(join(f));
            }
        } catch (RuntimeException | Error e) {
            // Not cancel(true): an interrupt that lands while a class loads can leave Quarkus'
            // class loader unable to open that jar again (a worker hung on it for good in one
            // trial); the chunks are short anyway.
            later.forEach(f -> f.cancel(false));
            throw e;
        }
        return out -> {
            out.write('[');
            boolean first = true;
            for (byte[] part : parts) {
                if (part.length == 0) {
                    continue;
                }
                if (!first) {
                    out.write(',');
                }
                out.write(part);
                first = false;
            }
            out.write(']');
        };
    }

    private byte[] write(
            List<OperatorProfile> chunk, Function<OperatorProfile, Classification> classify) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(chunk.size() * 2048);
        try (SequenceWriter sequence = writer.writeValues(bytes)) {
            for (OperatorProfile p : chunk) {
                sequence.write(classify.apply(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] join(Future<byte[]> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r; // the problem mappers know the engine's exceptions by type
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CompletionException(cause);
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    private static final class Named implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "tiering-batch-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
