package dev.guildhall.server;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.guildhall.platform.ProblemException.FieldError;

import java.util.ArrayList;
import java.util.List;

/**
 * What a server's automod regexes may cost (DESIGN §9: one tenant can never slow another). RE2/J is linear in the
 * text but its time per character, and its memory, grow with the compiled program: a 20-character pattern of nested
 * counted repetition, {@code ((a{100}){100}){100}}, compiles to a million instructions (0.7 s and 90 MB to compile,
 * and about 10 ns per instruction and character to match: seconds for one long message). So all of a server's
 * regexes together may compile to at most {@link #MAX_PROGRAM} instructions, checked when the config is saved.
 * <p>
 * Compiling is itself the cost to avoid, so each pattern's size is first estimated from its text ({@link #estimate},
 * repetition multiplies what it repeats, as the compiler does) and a pattern is compiled to read its real size
 * ({@link Pattern#programSize()}) only while the estimates stay within a few times the limit. Plain Java: the estimate
 * is a small scan written here because RE2/J's parser and its syntax tree are not public.
 */
public final class RegexBudget {

    /** The most instructions a server's automod regexes compile to, all together. */
    public static final int MAX_PROGRAM = 10_000;
    /** No pattern is compiled once the estimates of the patterns so far pass this: a refusal costs no compiling. */
    static final long COMPILE_AT_MOST = 4L * MAX_PROGRAM;
    /** Estimates saturate here: nested repetition overflows a long long before it is refused. */
    private static final long HUGE = 1L << 40;

    private RegexBudget() {}

    /** The patterns compiled and the instructions they take together. */
    public record Compiled(List<Pattern> patterns, int programSize) {}

    /**
     * The field errors of {@code regexes} (field {@code automod.regexes[i]}): a pattern that does not compile on
     * RE2/J, or one that brings the total past {@link #MAX_PROGRAM}.
     */
    public static List<FieldError> problems(List<String> regexes) {
        List<FieldError> errors = new ArrayList<>();
        compile(regexes, errors);
        return errors;
    }

    /**
     * The patterns that compile within the budget, in order; one that does not is left out. What a stored config is
     * judged with: a config saved before the budget existed may hold a pattern over it, which is then never compiled.
     */
    public static Compiled compile(List<String> regexes) {
        return compile(regexes, new ArrayList<>());
    }

    private static Compiled compile(List<String> regexes, List<FieldError> errors) {
        List<Pattern> patterns = new ArrayList<>();
        long estimated = 0;
        int size = 0;
        for (int i = 0; regexes != null && i < regexes.size(); i++) {
            String regex = regexes.get(i);
            if (regex == null) continue;
            String field = "automod.regexes[" + i + "]";
            long estimate = estimate(regex);
            if (estimated + estimate > COMPILE_AT_MOST) {
                errors.add(new FieldError(field, tooLarge(estimate >= HUGE ? "far more than " + COMPILE_AT_MOST
                        : "about " + estimate, size)));
                continue;
            }
            estimated += estimate;
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                errors.add(new FieldError(field, "is not a valid RE2 regular expression: " + e.getDescription()));
                continue;
            }
            if (size + pattern.programSize() > MAX_PROGRAM) {
                errors.add(new FieldError(field, tooLarge(String.valueOf(pattern.programSize()), size)));
                continue;
            }
            size += pattern.programSize();
            patterns.add(pattern);
        }
        return new Compiled(List.copyOf(patterns), size);
    }

    private static String tooLarge(String instructions, int before) {
        return "compiles to " + instructions + " instructions, and a server's regexes may take " + MAX_PROGRAM
                + " together" + (before > 0 ? " (the ones before it take " + before + ")" : "")
                + "; simplify it (nested counted repetition such as (a{100}){100} multiplies the size)";
    }

    /**
     * About how many instructions {@code regex} compiles to, at least as many as RE2/J's compiler makes for the
     * patterns that matter here: every atom is one, a group adds two, an alternative one, {@code * + ?} one, and a
     * counted repetition {@code {n}}, {@code {n,}}, {@code {n,m}} multiplies what it repeats by its largest count.
     * Anything it cannot read is counted as a literal, which the compiler then refuses or sizes itself.
     */
    static long estimate(String regex) {
        List<long[]> frames = new ArrayList<>(); // per open group: {total, size of the last atom}
        frames.add(new long[2]);
        int n = regex.length();
        for (int i = 0; i < n; ) {
            char c = regex.charAt(i);
            long[] top = frames.get(frames.size() - 1);
            switch (c) {
                case '(' -> {
                    i++;
                    if (i < n && regex.charAt(i) == '?') {
                        int j = i + 1;
                        if (j < n && (regex.charAt(j) == 'P' || regex.charAt(j) == '<')) { // a named group
                            int close = regex.indexOf('>', j);
                            i = close < 0 ? n : close + 1;
                        } else {
                            while (j < n && regex.charAt(j) != ':' && regex.charAt(j) != ')') j++;
                            if (j < n && regex.charAt(j) == ')') { // flags only, e.g. (?i): no group
                                i = j + 1;
                                continue;
                            }
                            i = j + 1;
                        }
                    }
                    frames.add(new long[2]);
                }
                case ')' -> {
                    i++;
                    if (frames.size() == 1) {
                        atom(top, 1);
                    } else {
                        frames.remove(frames.size() - 1);
                        atom(frames.get(frames.size() - 1), top[0] + 2);
                    }
                }
                case '|' -> {
                    i++;
                    top[0] = add(top[0], 1);
                    top[1] = 0;
                }
                case '*', '+', '?' -> {
                    i++;
                    if (i < n && regex.charAt(i) == '?') i++; // lazy
                    repeat(top, 1);
                }
                case '{' -> {
                    int close = regex.indexOf('}', i);
                    long count = close < 0 ? -1 : repeatCount(regex.substring(i + 1, close));
                    if (count < 0) { // not a repetition: a literal brace
                        i++;
                        atom(top, 1);
                    } else {
                        i = close + 1;
                        if (i < n && regex.charAt(i) == '?') i++;
                        repeat(top, count);
                    }
                }
                case '[' -> {
                    i = classEnd(regex, i);
                    atom(top, 1);
                }
                case '\\' -> {
                    if (i + 1 < n && regex.charAt(i + 1) == 'Q') { // \Q...\E: every character a literal
                        int end = regex.indexOf("\\E", i + 2);
                        int stop = end < 0 ? n : end;
                        for (int k = i + 2; k < stop; k++) atom(top, 1);
                        i = end < 0 ? n : end + 2;
                    } else {
                        i = escapeEnd(regex, i);
                        atom(top, 1);
                    }
                }
                default -> {
                    i++;
                    atom(top, 1);
                }
            }
        }
        long total = 0;
        for (long[] frame : frames) total = add(total, frame[0]); // unclosed groups: the compiler refuses them anyway
        return total;
    }

    private static void atom(long[] frame, long size) {
        frame[0] = add(frame[0], size);
        frame[1] = size;
    }

    /** The last atom repeated {@code times}: its copies, and a branch instruction per copy. */
    private static void repeat(long[] frame, long times) {
        long repeated = add(mul(frame[1], Math.max(times, 1)), Math.max(times, 1));
        frame[0] = add(frame[0] - frame[1], repeated);
        frame[1] = repeated;
    }

    /** The largest count of {@code n}, {@code n,} or {@code n,m} (the text between the braces); -1 when not a count. */
    private static long repeatCount(String body) {
        int comma = body.indexOf(',');
        String min = comma < 0 ? body : body.substring(0, comma);
        String max = comma < 0 ? null : body.substring(comma + 1);
        if (!digits(min) || max != null && !max.isEmpty() && !digits(max)) return -1;
        long low = Long.parseLong(min.length() > 9 ? "999999999" : min);
        if (max == null) return low;
        if (max.isEmpty()) return low + 1;
        return Math.max(low, Long.parseLong(max.length() > 9 ? "999999999" : max));
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    /** The index after the character class starting at {@code start} ({@code [}). */
    private static int classEnd(String regex, int start) {
        int i = start + 1;
        if (i < regex.length() && regex.charAt(i) == '^') i++;
        if (i < regex.length() && regex.charAt(i) == ']') i++; // a leading ] is a literal
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i = escapeEnd(regex, i);
            } else if (c == '[' && regex.startsWith("[:", i)) {
                int close = regex.indexOf(":]", i + 2);
                i = close < 0 ? i + 1 : close + 2;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    /** The index after the escape starting at {@code start} ({@code \}): {@code \pL}, {@code \p{Greek}}, {@code \x{41}} … */
    private static int escapeEnd(String regex, int start) {
        int i = start + 1;
        if (i >= regex.length()) return i;
        char c = regex.charAt(i++);
        if ((c == 'p' || c == 'P' || c == 'x') && i < regex.length() && regex.charAt(i) == '{') {
            int close = regex.indexOf('}', i);
            return close < 0 ? regex.length() : close + 1;
        }
        if (c == 'p' || c == 'P') return Math.min(i + 1, regex.length());
        if (c == 'x') return Math.min(i + 2, regex.length());
        return i;
    }

    private static long add(long a, long b) {
        return Math.min(HUGE, a + b);
    }

    private static long mul(long a, long b) {
        return a == 0 || b == 0 ? 0 : a > HUGE / b ? HUGE : Math.min(HUGE, a * b);
    }
}
