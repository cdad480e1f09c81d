package dev.guildhall.automod;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds banned words in a text after {@link TextNormalizer}. An entry matches whole words only, so
 * "class" and "assassin" pass a ban on "ass" (the Scunthorpe problem); {@code word*}, {@code *word}
 * and {@code *word*} match words starting with, ending with or containing it; an entry with spaces is
 * a phrase. Repeated letters do not evade ("shiiiit"): each letter of the entry matches a run of one
 * or more of it. Entries in scripts written without spaces (Chinese, Japanese, Thai …) match anywhere.
 * Plain Java, compiled once per config.
 */
public final class BannedWords {

    enum Mode { EXACT, PREFIX, SUFFIX, CONTAINS }

    /** A word as runs of equal characters: "shiit" = s1 h1 i2 t1. */
    record Runs(int[] chars, int[] counts) {
        static Runs of(String word) {
            // every message's words pass through here: plain loops, two arrays, no boxing
            int[] chars = new int[word.length()];
            int[] counts = new int[word.length()];
            int n = 0;
            for (int i = 0; i < word.length(); ) {
                int cp = word.codePointAt(i);
                i += Character.charCount(cp);
                if (n > 0 && chars[n - 1] == cp) {
                    counts[n - 1]++;
                } else {
                    chars[n] = cp;
                    counts[n++] = 1;
                }
            }
            return new Runs(java.util.Arrays.copyOf(chars, n), java.util.Arrays.copyOf(counts, n));
        }

        String key() {
            return new String(chars, 0, chars.length);
        }

        /** Whether {@code entry} matches this word's runs starting at run {@code at}, every run at least as long. */
        boolean matchesAt(Runs entry, int at) {
            if (at < 0 || at + entry.chars.length > chars.length) return false;
            for (int i = 0; i < entry.chars.length; i++) {
                if (chars[at + i] != entry.chars[i] || counts[at + i] < entry.counts[i]) return false;
            }
            return true;
        }

        boolean matches(Runs entry, Mode mode) {
            int extra = chars.length - entry.chars.length;
            return switch (mode) {
                case EXACT -> extra == 0 && matchesAt(entry, 0);
                case PREFIX -> matchesAt(entry, 0);
                case SUFFIX -> matchesAt(entry, extra);
                case CONTAINS -> {
                    for (int at = 0; at <= extra; at++) if (matchesAt(entry, at)) yield true;
                    yield false;
                }
            };
        }
    }

    /** One entry in both forms: as written (plain) and read as leetspeak. */
    record Entry(String text, Mode mode, List<Runs> plain, List<Runs> leet, String unspaced) {}

    private static final Set<UnicodeScript> UNSPACED = Set.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA,
            UnicodeScript.KATAKANA, UnicodeScript.THAI, UnicodeScript.LAO, UnicodeScript.KHMER, UnicodeScript.MYANMAR,
            UnicodeScript.TIBETAN);

    private final List<Entry> entries = new ArrayList<>();
    /** Single-word exact entries by their run characters: the common case costs one lookup per word. */
    private final Map<String, List<Entry>> exactPlain = new HashMap<>();
    private final Map<String, List<Entry>> exactLeet = new HashMap<>();
    private final List<Entry> others = new ArrayList<>();
    private final List<Entry> unspacedEntries = new ArrayList<>();

    public BannedWords(List<String> words) {
        for (String w : words == null ? List.<String>of() : words) {
            Entry e = entry(w);
            if (e == null) continue;
            entries.add(e);
            if (e.unspaced() != null) {
                unspacedEntries.add(e);
            } else if (e.mode() == Mode.EXACT && e.plain().size() == 1 && e.leet().size() == 1) {
                exactPlain.computeIfAbsent(e.plain().get(0).key(), k -> new ArrayList<>()).add(e);
                exactLeet.computeIfAbsent(e.leet().get(0).key(), k -> new ArrayList<>()).add(e);
            } else {
                others.add(e);
            }
        }
    }

    /** Whether an entry normalises to something matchable (a config check: "***" or "‍" would match nothing). */
    public static boolean usable(String word) {
        return entry(word) != null;
    }

    private static Entry entry(String raw) {
        if (raw == null) return null;
        String w = raw.strip();
        boolean starts = w.startsWith("*"), ends = w.endsWith("*") && w.length() > 1;
        if (starts) w = w.substring(1);
        if (ends) w = w.substring(0, w.length() - 1);
        Mode mode = starts && ends ? Mode.CONTAINS : starts ? Mode.SUFFIX : ends ? Mode.PREFIX : Mode.EXACT;
        TextNormalizer.Words words = TextNormalizer.words(w);
        if (words.plain().isEmpty()) return null;
        String unspaced = words.compact().codePoints().filter(Character::isLetter)
                .allMatch(cp -> UNSPACED.contains(UnicodeScript.of(cp))) && TextNormalizer.hasLetter(words.compact())
                ? words.compact() : null;
        return new Entry(raw.strip(), mode, words.plain().stream().map(Runs::of).toList(),
                words.leet().stream().map(Runs::of).toList(), unspaced);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** How many words are banned. */
    public int size() {
        return entries.size();
    }

    /** The first entry found in {@code text}, as configured. */
    public Optional<String> find(String text) {
        if (entries.isEmpty()) return Optional.empty();
        return find(TextNormalizer.words(text));
    }

    public Optional<String> find(TextNormalizer.Words words) {
        if (entries.isEmpty()) return Optional.empty();
        List<Runs> plain = runsOf(words.plain());
        List<Runs> leet = words.leet().equals(words.plain()) ? plain : runsOf(words.leet());
        for (Runs r : plain) {
            Entry e = exact(exactPlain.get(r.key()), r, false);
            if (e != null) return Optional.of(e.text());
        }
        for (Runs r : leet) {
            Entry e = exact(exactLeet.get(r.key()), r, true);
            if (e != null) return Optional.of(e.text());
        }
        for (Entry e : others) {
            if (sequence(plain, e.plain(), e.mode()) || sequence(leet, e.leet(), e.mode())) return Optional.of(e.text());
        }
        if (!words.spelled().isEmpty()) {
            // a word spelled out letter by letter: the entry anywhere inside the joined letters
            List<Runs> spelled = words.spelled().stream().map(Runs::of).toList();
            List<Runs> spelledLeet = words.spelled().stream().map(w -> Runs.of(TextNormalizer.leet(w))).toList();
            for (Entry e : entries) {
                if (e.unspaced() != null || e.plain().size() != 1) continue;
                if (spelled.stream().anyMatch(w -> w.matches(e.plain().get(0), Mode.CONTAINS))
                        || spelledLeet.stream().anyMatch(w -> w.matches(e.leet().get(0), Mode.CONTAINS))) {
                    return Optional.of(e.text());
                }
            }
        }
        for (Entry e : unspacedEntries) {
            if (words.compact().contains(e.unspaced())) return Optional.of(e.text());
        }
        return Optional.empty();
    }

    private static List<Runs> runsOf(List<String> words) {
        List<Runs> runs = new ArrayList<>(words.size());
        for (String w : words) runs.add(Runs.of(w));
        return runs;
    }

    private static Entry exact(List<Entry> candidates, Runs word, boolean leet) {
        if (candidates == null) return null;
        for (Entry e : candidates) {
            if (word.matches(leet ? e.leet().get(0) : e.plain().get(0), Mode.EXACT)) return e;
        }
        return null;
    }

    /** A phrase (or a single wildcard word) against consecutive words; the mode applies at the phrase's edges. */
    private static boolean sequence(List<Runs> words, List<Runs> entry, Mode mode) {
        int k = entry.size();
        for (int i = 0; i + k <= words.size(); i++) {
            boolean all = true;
            for (int j = 0; j < k && all; j++) {
                Mode m;
                if (k == 1) m = mode;
                else if (j == 0) m = mode == Mode.SUFFIX || mode == Mode.CONTAINS ? Mode.SUFFIX : Mode.EXACT;
                else if (j == k - 1) m = mode == Mode.PREFIX || mode == Mode.CONTAINS ? Mode.PREFIX : Mode.EXACT;
                else m = Mode.EXACT;
                all = words.get(i + j).matches(entry.get(j), m);
            }
            if (all) return true;
        }
        return false;
    }
}
