package dev.guildhall.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Blocking work (a database query) for code that may run on the event loop. A few hot endpoints
 * answer from memory on the event loop and go to a worker thread only when they must wait for the
 * database: on 2 cores the hand-off to a worker and back costs about a third of a cheap request.
 */
public final class Offload {

    private Offload() {}

    /**
     * {@code work} on a worker thread of the current Vert.x context when called on the event loop
     * (the request's CDI context, MDC and trace go with the context), inline anywhere else.
     */
    public static <T> Uni<T> blocking(Supplier<T> work) {
        if (!Context.isOnEventLoopThread()) {
            return Uni.createFrom().item(work);
        }
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> context.<T>executeBlocking(work::get, false)
                .onComplete(result -> {
                    if (result.succeeded()) emitter.complete(result.result());
                    else emitter.fail(result.cause());
                }));
    }
}
