package dev.guildhall.discord.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.format.View;

import java.util.function.Function;

/** What a command decided: call core-api and show the answer, or answer at once with text. */
public sealed interface Reply {

    boolean ephemeral();

    /**
     * Call {@code first}; if {@code then} is set, feed it the first answer to get the second call
     * (e.g. read a war to turn a winner's name into a side index); show the last answer as {@code view}.
     */
    record Plan(ApiRequest first, Function<JsonNode, ApiRequest> then, View view, boolean ephemeral)
            implements Reply {}

    /** A local answer: a usage hint or a refusal to parse. Always ephemeral. */
    record Text(String text) implements Reply {
        @Override
        public boolean ephemeral() {
            return true;
        }
    }

    static Plan call(ApiRequest request, View view) {
        return new Plan(request, null, view, false);
    }

    static Plan callEphemeral(ApiRequest request, View view) {
        return new Plan(request, null, view, true);
    }

    static Text text(String text) {
        return new Text(text);
    }
}
