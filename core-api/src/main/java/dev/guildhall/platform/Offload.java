package dev.guildhall.platform;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

import java.util.function.Supplier;

/**
 * Blocking work (a database query) for code that may run on the event loop. A few hot endpoints
 * answer from memory on the event loop and go to a worker thread only when they must wait for the
 * database: on 2 cores the hand-off to a worker and back costs about a third of a cheap request.
 */
public final class Offload {

    private Offload() {}

    /**
     * {@code work} on a worker thread when called on the event loop ({@link VertxContextSupport} keeps the
     * request's Vert.x context, so its CDI request context, MDC and trace go along), inline anywhere else:
     * code already on a worker thread must not pay a second hand-off.
     */
    public static <T> Uni<T> blocking(Supplier<T> work) {
        if (!Context.isOnEventLoopThread()) {
            return Uni.createFrom().item(work);
        }
        return VertxContextSupport.executeBlocking(work::get);
    }
}
