package dev.guildhall.discord;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.discord.actions.ActionExecutor;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.CallContext;
import dev.guildhall.discord.api.CoreApi;
import dev.guildhall.discord.commands.Reply;
import dev.guildhall.discord.format.Formatter;
import io.micrometer.core.instrument.MeterRegistry;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IMessageEditCallback;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a command's {@link Reply} and answers on Discord within its 3-second window: when core-api
 * answers within {@code quickMillis} the bot replies at once; otherwise it defers
 * ({@code deferReply()}) and edits the answer in through the interaction hook. Afterwards the
 * platform actions of the answer are carried out.
 */
public final class Responder {

    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    private final CoreApi api;
    private final Formatter formatter;
    private final ActionExecutor actions;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final long quickMillis;
    private final MeterRegistry meters;

    public Responder(CoreApi api, Formatter formatter, ActionExecutor actions, Executor workers,
                     ScheduledExecutorService timer, long quickMillis, MeterRegistry meters) {
        this.api = api;
        this.formatter = formatter;
        this.actions = actions;
        this.workers = workers;
        this.timer = timer;
        this.quickMillis = quickMillis;
        this.meters = meters;
    }

    /** Calls core-api for a plan (one or two calls), off the JDA event thread. */
    public CompletableFuture<JsonNode> run(Reply.Plan plan, CallContext ctx) {
        return CompletableFuture.supplyAsync(() -> {
            if (plan.then() == null) return api.call(plan.first(), ctx);
            // the first call only reads; the Idempotency-Key belongs to the write that follows
            JsonNode first = api.call(plan.first(), ctx.withIdempotencyKey(null));
            ApiRequest second = plan.then().apply(first);
            return api.call(second, ctx);
        }, workers);
    }

    /** Answers a slash command with a new message. */
    public void answer(IReplyCallback event, String command, Reply reply, CallContext ctx) {
        answer(event, null, command, reply, ctx);
    }

    /** Answers a button click by updating the card it is on (errors go to the clicker alone). */
    public void answerInPlace(IMessageEditCallback event, String command, Reply reply, CallContext ctx) {
        answer((IReplyCallback) event, event, command, reply, ctx);
    }

    private void answer(IReplyCallback event, IMessageEditCallback card, String command, Reply reply,
                        CallContext ctx) {
        if (reply instanceof Reply.Text text) {
            outcome(command, "local");
            event.reply(text.text()).setEphemeral(true).queue();
            return;
        }
        Reply.Plan plan = (Reply.Plan) reply;
        CompletableFuture<JsonNode> call = run(plan, ctx);
        AtomicBoolean decided = new AtomicBoolean();
        CompletableFuture<InteractionHook> deferred = new CompletableFuture<>();
        Guild guild = event.getGuild();

        timer.schedule(() -> {
            if (decided.compareAndSet(false, true)) {
                meters.counter("guildhall_interactions_deferred", "command", command).increment();
                (card != null ? card.deferEdit() : event.deferReply(plan.ephemeral()))
                        .queue(deferred::complete, deferred::completeExceptionally);
            }
        }, quickMillis, TimeUnit.MILLISECONDS);

        call.whenComplete((answer, failure) -> {
            boolean now = decided.compareAndSet(false, true);
            if (failure != null) {
                outcome(command, "error");
                String text = formatter.error(failure);
                LOG.info("{} failed (request {}): {}", command, ctx.requestId(), failure.getMessage());
                if (now) {
                    event.reply(text).setEphemeral(true).queue();
                } else if (card != null) {
                    deferred.thenAccept(hook -> hook.sendMessage(text).setEphemeral(true).queue());
                } else if (plan.ephemeral()) {
                    deferred.thenAccept(hook -> hook.editOriginal(text).queue());
                } else {
                    // the deferred answer is public: remove it and tell the actor alone
                    deferred.thenAccept(hook -> hook.deleteOriginal().queue(
                            ok -> hook.sendMessage(text).setEphemeral(true).queue(),
                            err -> hook.sendMessage(text).setEphemeral(true).queue()));
                }
                return;
            }
            outcome(command, "ok");
            MessageCreateData message;
            try {
                message = formatter.render(plan.view(), answer);
            } catch (RuntimeException e) {
                LOG.error("Cannot format {} answer {}", plan.view(), answer, e);
                message = formatter.text("Done.");
            }
            if (now && card != null) {
                card.editMessage(MessageEditData.fromCreateData(message)).queue();
            } else if (now) {
                event.reply(message).setEphemeral(plan.ephemeral()).queue();
            } else {
                MessageCreateData m = message;
                deferred.thenAccept(hook -> hook.editOriginal(MessageEditData.fromCreateData(m)).queue());
            }
            if (guild != null) actions.executeAll(guild, answer);
        });
    }

    /** Suggests choices while the user types; an error or a slow core-api suggests nothing. */
    public void suggest(net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent event,
                        ApiRequest request, dev.guildhall.discord.format.Choices kind, CallContext ctx) {
        Guild guild = event.getGuild();
        CompletableFuture.supplyAsync(() -> api.call(request, ctx), workers)
                .orTimeout(2500, TimeUnit.MILLISECONDS)
                .whenComplete((answer, failure) -> {
                    if (failure != null) {
                        event.replyChoices().queue();
                        return;
                    }
                    event.replyChoices(formatter.choices(kind, answer, event.getFocusedOption().getValue(),
                            id -> displayName(guild, id))).queue();
                });
    }

    static String displayName(Guild guild, String userId) {
        long id = Ids.snowflake(userId);
        net.dv8tion.jda.api.entities.Member m = guild == null || id < 0 ? null : guild.getMemberById(id);
        return m != null ? m.getEffectiveName() : userId;
    }

    /** Answers a legacy {@code gmbot …} text command with a reply to the message. */
    public void answer(Message message, Reply reply, CallContext ctx) {
        if (reply instanceof Reply.Text text) {
            outcome("legacy", "local");
            message.reply(text.text()).queue();
            return;
        }
        Reply.Plan plan = (Reply.Plan) reply;
        run(plan, ctx).whenComplete((answer, failure) -> {
            if (failure != null) {
                outcome("legacy", "error");
                message.reply(formatter.error(failure)).queue();
                return;
            }
            outcome("legacy", "ok");
            message.reply(formatter.render(plan.view(), answer)).queue();
            if (message.isFromGuild()) actions.executeAll(message.getGuild(), answer);
        });
    }

    private void outcome(String command, String outcome) {
        meters.counter("guildhall_commands", "command", command, "outcome", outcome).increment();
    }
}
