package dev.guildhall.slack.core;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Sees, on the typed client's OkHttp stack, whether core-api answered a call as a replay of an
 * earlier request with the same {@code Idempotency-Key} ({@code Idempotent-Replayed: true}). The typed
 * client returns values only, and the event de-duplication needs exactly this bit, so it is observed
 * here rather than by a second HTTP client. Calls are synchronous, so a thread-local ties the
 * answers to the logical call, across the client's own retries.
 */
public final class ReplayTracker implements Interceptor {

    public static final String HEADER = "Idempotent-Replayed";

    private static final class Trace {
        boolean lastReplayed;
        boolean earlierAttemptFailed;
    }

    private static final ThreadLocal<Trace> CURRENT = new ThreadLocal<>();

    /** What a traced call answered, and whether it counts as already handled. */
    public record Traced<T>(T value, boolean replayed) {}

    /**
     * Runs one logical call. {@code replayed} is true only when core-api's answer was a replay and no
     * earlier attempt of this same call failed in a way that could have been carried out unseen (a
     * broken connection, a 5xx): then the replay is of our own lost attempt, whose answer nobody acted
     * on, and it is treated as new (at least once rather than never).
     */
    public <T> Traced<T> trace(Supplier<T> call) {
        Trace trace = new Trace();
        Trace outer = CURRENT.get();
        CURRENT.set(trace);
        try {
            T value = call.get();
            return new Traced<>(value, trace.lastReplayed && !trace.earlierAttemptFailed);
        } finally {
            if (outer == null) CURRENT.remove();
            else CURRENT.set(outer);
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Trace trace = CURRENT.get();
        try {
            Response response = chain.proceed(chain.request());
            if (trace != null) {
                trace.lastReplayed = "true".equalsIgnoreCase(response.header(HEADER));
                if (response.code() >= 500) trace.earlierAttemptFailed = true;
            }
            return response;
        } catch (IOException e) {
            if (trace != null) trace.earlierAttemptFailed = true;
            throw e;
        }
    }
}
