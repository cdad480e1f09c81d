package dev.guildhall.automod;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.guildhall.server.RegexBudget;
import dev.guildhall.server.ServerConfig.Automod;
import dev.guildhall.server.ServerConfig.Window;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A server's automod config compiled once (normalised banned words, RE2/J patterns) and the rules
 * that need only the message itself. Plain Java: the spam windows, which need every instance's
 * view, are counted by {@link SpamWindows} and judged here by {@link #spam}.
 */
public final class AutomodRules {

    /** Which rule a message broke, and a short human detail for the mod log. */
    public record Hit(String rule, String detail) {}

    /** The parts of a message the rules read. */
    public record Message(String channel, List<String> roles, String content, int mentions) {}

    // Invites survive spacing and "dot" tricks because they are looked for in the skeleton (look-alikes and invisibles gone).
    private static final Pattern INVITE = Pattern.compile(
            "(?:discord(?:app)?\\s*(?:\\.|\\(dot\\)|\\[dot\\]|\\sdot\\s)\\s*(?:gg|io|me|li|com\\s*/\\s*invite)"
                    + "|dsc\\s*\\.\\s*gg|invite\\s*\\.\\s*gg|join\\s*\\.\\s*slack\\s*\\.\\s*com\\s*/\\s*t)"
                    + "\\s*/\\s*[a-z0-9-]{2,}");
    private static final Pattern LINK = Pattern.compile("(?:https?://|www\\.)([^\\s/?#<>\"'|]+)");
    private static final Pattern MENTION = Pattern.compile("<@[!&]?[0-9A-Z]+>|@everyone|@here|<!channel>|<!here>|<!everyone>");
    /** Every spelling INVITE matches contains one of these. */
    private static final List<String> INVITE_LITERALS = List.of("discord", "dsc", "invite", "join");
    /** Shouting needs some length before it means anything: "OK" or "LOL" are not caps spam. */
    static final int CAPS_MIN_LETTERS = 8;

    private final Automod config;
    private final BannedWords banned;
    private final List<Pattern> regexes;
    /** The instructions of all the regexes together: what matching them costs per character (RegexBudget). */
    private final int regexCost;
    private final Set<String> allowedHosts;
    private final Set<String> exemptRoles;
    private final Set<String> exemptChannels;

    public AutomodRules(Automod config) {
        this.config = config;
        this.banned = new BannedWords(config.bannedWords());
        RegexBudget.Compiled compiled = RegexBudget.compile(config.regexes());
        this.regexes = compiled.patterns();
        this.regexCost = compiled.programSize();
        if (config.allowedLinks() == null) {
            this.allowedHosts = null;
        } else {
            Set<String> hosts = new HashSet<>();
            for (String h : config.allowedLinks()) hosts.add(host(h));
            this.allowedHosts = hosts;
        }
        this.exemptRoles = config.exemptRoles() == null ? Set.of() : Set.copyOf(config.exemptRoles());
        this.exemptChannels = config.exemptChannels() == null ? Set.of() : Set.copyOf(config.exemptChannels());
    }

    public Automod config() {
        return config;
    }

    /**
     * What judging a text of {@code length} characters costs at most, in regex steps (instructions times characters):
     * how the service decides whether a text may be judged on the event loop.
     */
    public long worstSteps(int length) {
        return (long) Math.max(regexCost, 1) * length;
    }

    /** How much memory the compiled rules hold, in about a regex instruction's worth (the cache's weight). */
    public int weight() {
        return 1 + regexCost + banned.size();
    }

    public boolean exempt(Message m) {
        if (m.channel() != null && exemptChannels.contains(m.channel())) return true;
        for (String r : m.roles()) if (exemptRoles.contains(r)) return true;
        return false;
    }

    /** Whether messages must be counted in the shared windows at all. */
    public boolean countsMessages() {
        return config.duplicateLimit() != null || config.rateLimit() != null;
    }

    /** The first rule the message content breaks, cheapest and most certain first. */
    public Optional<Hit> content(Message m) {
        return content(m, new Text(m.content()));
    }

    /**
     * As {@link #content(Message)}, with the message's normalised forms kept in {@code text} for the spam windows.
     * The regexes see the text through {@code text.budgeted()}: past its deadline they stop ({@link OverBudget}).
     */
    public Optional<Hit> content(Message m, Text text) {
        String raw = text.raw();
        if (!banned.isEmpty()) {
            Optional<String> word = banned.find(text.words());
            if (word.isPresent()) return Optional.of(new Hit("banned_words", "banned word \"" + word.get() + "\""));
        }
        if (config.blockInvites() && mayHoldInvite(text.skeleton()) && INVITE.matcher(text.skeleton()).find()) {
            return Optional.of(new Hit("invite_links", "server invite link"));
        }
        if (allowedHosts != null) {
            // the link's own spelling, not the skeleton: a look-alike domain must not pass as the allowed one
            String lowered = withoutInvisibles(java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFKC))
                    .toLowerCase(Locale.ROOT);
            Matcher links = LINK.matcher(lowered);
            while (links.find()) {
                String host = host(links.group(1));
                if (!allowed(host)) return Optional.of(new Hit("links", "link to " + host + " is not allowed"));
            }
        }
        if (config.maxMentions() != null) {
            int count = 0;
            if (mayHoldMention(raw)) {
                Matcher mm = MENTION.matcher(raw);
                while (mm.find()) count++;
            }
            int mentions = Math.max(count, m.mentions());
            if (mentions > config.maxMentions()) {
                return Optional.of(new Hit("mention_spam", mentions + " mentions (limit " + config.maxMentions() + ")"));
            }
        }
        if (config.capsRatio() != null && capsRatio(raw) >= config.capsRatio()) {
            return Optional.of(new Hit("caps", "too many capital letters"));
        }
        if (!regexes.isEmpty()) {
            CharSequence plain = text.budgeted(withoutInvisibles(raw));
            for (int i = 0; i < regexes.size(); i++) {
                if (regexes.get(i).matcher(plain).find()) {
                    return Optional.of(new Hit("regex", "matches pattern " + (i + 1)));
                }
            }
        }
        return Optional.empty();
    }

    /** Matching the regexes ran past the text's deadline; the regex rule is then not applied to it. */
    public static final class OverBudget extends RuntimeException {
        OverBudget() {
            super("automod regexes ran past their time budget", null, false, false);
        }
    }

    /**
     * A text whose every read past {@code deadline} (System.nanoTime) throws {@link OverBudget}: RE2/J reads its input
     * one character at a time as it steps, so this stops a match that would take too long, wherever it is.
     */
    private record Deadlined(String text, long deadline) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (System.nanoTime() > deadline) throw new OverBudget();
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * The spam rules, given the author's counts in the shared windows including this message:
     * more than {@code count} identical messages, or more than {@code count} messages at all, in the window.
     */
    public Optional<Hit> spam(int duplicates, int messages) {
        Window dup = config.duplicateLimit();
        if (dup != null && duplicates > dup.count()) {
            return Optional.of(new Hit("duplicate_spam", duplicates + " identical messages within " + dup.seconds() + "s"));
        }
        Window rate = config.rateLimit();
        if (rate != null && messages > rate.count()) {
            return Optional.of(new Hit("rate_spam", messages + " messages within " + rate.seconds() + "s"));
        }
        return Optional.empty();
    }

    /**
     * Whether INVITE could match: every spelling it matches contains one of INVITE_LITERALS. RE2/J runs its automaton
     * over every character even of a text that cannot match (6 % of core-api's CPU in the automod-on bench,
     * bench/RESULTS.md), so each pattern runs only on a text holding a literal every match of it contains.
     */
    static boolean mayHoldInvite(String skeleton) {
        for (String literal : INVITE_LITERALS) if (skeleton.contains(literal)) return true;
        return false;
    }

    /** Every mention MENTION matches contains "@" or "<!". */
    static boolean mayHoldMention(String raw) {
        return raw.indexOf('@') >= 0 || raw.contains("<!");
    }

    /** The share of capital letters among cased letters, 0 when there are too few letters to judge. */
    static double capsRatio(String text) {
        int upper = 0, cased = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isUpperCase(cp)) {
                upper++;
                cased++;
            } else if (Character.isLowerCase(cp)) {
                cased++;
            }
        }
        return cased < CAPS_MIN_LETTERS ? 0 : (double) upper / cased;
    }

    /** The text a duplicate is recognised by: its words after normalisation, so case or invisible characters don't make it new. */
    public static long contentHash(String content) {
        return new Text(content).hash();
    }

    /**
     * A message's text and the normalised forms the rules compare, each worked out once and only when a
     * rule needs it: the banned words, the invite rule and the duplicate window all read the same words.
     */
    public static final class Text {
        private final String raw;
        /** System.nanoTime after which the regexes stop; 0: no deadline (a text short enough for the event loop). */
        private final long deadline;
        private String skeleton;
        private TextNormalizer.Words words;

        public Text(String raw) {
            this(raw, 0);
        }

        /** A text whose regex matching stops at {@code deadline} (System.nanoTime). */
        public Text(String raw, long deadline) {
            this.raw = raw == null ? "" : raw;
            this.deadline = deadline;
        }

        String raw() {
            return raw;
        }

        CharSequence budgeted(String plain) {
            return deadline == 0 ? plain : new Deadlined(plain, deadline);
        }

        String skeleton() {
            if (skeleton == null) skeleton = TextNormalizer.skeleton(raw);
            return skeleton;
        }

        TextNormalizer.Words words() {
            if (words == null) words = TextNormalizer.wordsOfSkeleton(skeleton());
            return words;
        }

        /** FNV-1a 64 of the words joined by single spaces. */
        public long hash() {
            long h = 0xcbf29ce484222325L;
            boolean first = true;
            for (String word : words().plain()) {
                if (!first) h = (h ^ ' ') * 0x100000001b3L;
                first = false;
                for (int i = 0; i < word.length(); i++) h = (h ^ word.charAt(i)) * 0x100000001b3L;
            }
            return h;
        }
    }

    private boolean allowed(String host) {
        for (String h = host; h != null; h = parent(h)) {
            if (allowedHosts.contains(h)) return true;
        }
        return false;
    }

    private static String parent(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? null : host.substring(dot + 1);
    }

    /** "https://User@Example.com:443/x" → "example.com". */
    static String host(String value) {
        String h = value.trim().toLowerCase(Locale.ROOT);
        int scheme = h.indexOf("://");
        if (scheme >= 0) h = h.substring(scheme + 3);
        int cut = indexOfAny(h, "/?#");
        if (cut >= 0) h = h.substring(0, cut);
        int at = h.lastIndexOf('@');
        if (at >= 0) h = h.substring(at + 1);
        int colon = h.indexOf(':');
        if (colon >= 0) h = h.substring(0, colon);
        if (h.startsWith("www.")) h = h.substring(4);
        while (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }

    static String withoutInvisibles(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().filter(cp -> Character.getType(cp) != Character.FORMAT).forEach(sb::appendCodePoint);
        return sb.toString();
    }

}
