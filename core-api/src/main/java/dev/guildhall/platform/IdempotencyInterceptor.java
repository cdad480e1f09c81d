package dev.guildhall.platform;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Response;

/** Runs an {@link Idempotent} call once per Idempotency-Key ({@link Idempotency#once}). */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotencyInterceptor {

    @Inject
    Idempotency idempotency;

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        Idempotency.Request request = idempotency.request(ctx.getParameters());
        if (request == null) return ctx.proceed();
        return idempotency.once(request, () -> (Response) ctx.proceed());
    }
}
