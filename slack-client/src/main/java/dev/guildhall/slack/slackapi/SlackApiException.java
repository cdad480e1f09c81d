package dev.guildhall.slack.slackapi;

/** A Web API call that did not succeed: Slack's {@code error} code ({@code not_in_channel} …), an HTTP status or a network failure. */
public class SlackApiException extends RuntimeException {

    private final String method;
    private final String error;

    public SlackApiException(String method, String error, Throwable cause) {
        super(method + ": " + error, cause);
        this.method = method;
        this.error = error;
    }

    public String method() { return method; }

    public String error() { return error; }
}
