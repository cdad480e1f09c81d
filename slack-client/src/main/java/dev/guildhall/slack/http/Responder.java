package dev.guildhall.slack.http;

import dev.guildhall.slack.format.Reply;
import dev.guildhall.slack.format.SlackFormat;
import dev.guildhall.slack.slackapi.SlackApiException;
import dev.guildhall.slack.slackapi.SlackWebApi;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Slack's 3-second rule: a slash command is answered inline when the work finishes within the
 * budget; otherwise it is acknowledged at once ("Working on it…") and the real answer is posted to
 * the command's {@code response_url} when it is ready. Button clicks are always acknowledged at once
 * and answered through {@code response_url}.
 */
public class Responder {

    private static final Logger LOG = Logger.getLogger(Responder.class);

    private final Executor executor;
    private final SlackWebApi slack;
    private final SlackFormat format;
    private final Duration budget;

    public Responder(Executor executor, SlackWebApi slack, SlackFormat format, Duration budget) {
        this.executor = executor;
        this.slack = slack;
        this.format = format;
        this.budget = budget;
    }

    /** The reply if ready within the budget, else an acknowledgement (the reply follows through {@code responseUrl}). */
    public Reply inlineOrLater(Supplier<Reply> work, String responseUrl, String requestId) {
        CompletableFuture<Reply> reply = start(work, requestId);
        try {
            return reply.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reply.whenComplete((r, error) -> deliver(responseUrl, r, error, requestId));
            return format.working();
        } catch (ExecutionException e) {
            LOG.error("command failed", e.getCause());
            return format.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return format.unavailable();
        }
    }

    /** Runs the work in the background and posts its reply to {@code responseUrl}. */
    public CompletableFuture<Void> later(Supplier<Reply> work, String responseUrl, String requestId) {
        return start(work, requestId).handle((r, error) -> {
            deliver(responseUrl, r, error, requestId);
            return null;
        });
    }

    /** Runs side work (events) in the background, logging what fails. */
    public CompletableFuture<Void> background(Runnable work, String requestId) {
        Map<String, Object> context = logContext(requestId);
        return CompletableFuture.runAsync(() -> {
            context.forEach(MDC::put);
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error("background work failed", e);
            } finally {
                MDC.clear();
            }
        }, executor);
    }

    private CompletableFuture<Reply> start(Supplier<Reply> work, String requestId) {
        Map<String, Object> context = logContext(requestId);
        return CompletableFuture.supplyAsync(() -> {
            context.forEach(MDC::put);
            try {
                return work.get();
            } finally {
                MDC.clear();
            }
        }, executor);
    }

    /** The request's log context (request id, team), carried to the thread that does the work. */
    private static Map<String, Object> logContext(String requestId) {
        Map<String, Object> context = new HashMap<>(MDC.getMap());
        context.put("requestId", requestId);
        return context;
    }

    private void deliver(String responseUrl, Reply reply, Throwable error, String requestId) {
        if (error != null) {
            LOG.errorf(error, "[req=%s] command failed", requestId);
            reply = format.unavailable();
        }
        if (responseUrl == null || responseUrl.isBlank()) {
            LOG.warnf("[req=%s] no response_url to deliver the answer to", requestId);
            return;
        }
        try {
            slack.respond(responseUrl, reply.toResponse());
        } catch (SlackApiException e) {
            LOG.warnf("[req=%s] could not deliver the answer through response_url: %s", requestId, e.error());
        }
    }
}
