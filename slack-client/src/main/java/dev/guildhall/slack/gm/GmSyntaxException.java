package dev.guildhall.slack.gm;

/** A {@code /gm} text that could not be read: which part is wrong, why, and an example that works. */
public class GmSyntaxException extends RuntimeException {

    private final String command;
    private final String part;
    private final String problem;
    private final String example;

    public GmSyntaxException(String command, String part, String problem, String example) {
        super((part == null ? "" : "`" + part + "`: ") + problem);
        this.command = command;
        this.part = part;
        this.problem = problem;
        this.example = example;
    }

    /** The sub-command being read ({@code war}, {@code ban} …), or null when the command itself is unknown. */
    public String command() { return command; }

    /** The part of the text that is wrong (or missing, then a description), possibly null. */
    public String part() { return part; }

    public String problem() { return problem; }

    /** A complete command that would work. */
    public String example() { return example; }
}
