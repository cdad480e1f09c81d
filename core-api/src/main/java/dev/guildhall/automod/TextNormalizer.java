package dev.guildhall.automod;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Turns text into the form filters compare, so the usual evasions lose their effect: compatibility
 * forms (NFKC: fullwidth, math letters, ligatures), case (full fold, ß → ss), accents and other
 * combining marks, invisible characters (zero-width, bidi controls, soft hyphens), look-alike letters
 * from Cyrillic, Greek and Latin extensions (mapped to the Latin letter they imitate, as in Unicode's
 * confusable skeletons) and, in a second variant, leetspeak digits and symbols. Words are cut at
 * anything that is not a letter, digit or spacing mark in any script, never by an ASCII-only rule.
 */
public final class TextNormalizer {

    /** Upper-case look-alikes, mapped before folding because some differ from their lower case (Greek Η looks like H, η like n). */
    private static final Map<Integer, Character> UPPER = new HashMap<>();
    /** Lower-case look-alikes, after folding. */
    private static final Map<Integer, Character> LOWER = new HashMap<>();
    /** Leetspeak: digits and symbols standing for letters; l and i are merged because 1, l, I, | and ! all stand for both. */
    private static final Map<Integer, Character> LEET = new HashMap<>();

    static {
        pairs(UPPER, "АA ВB ЕE ЅS ІI ЈJ КK МM НH ОO РP СC ТT УY ХX ҮY Ԛq ԜW "
                + "ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX");
        pairs(LOWER, "аa вb еe ѕs іi їi јj кk мm нh оo пn рp сc тt уy хx ьb һh ӏl ԁd ԛq ԝw үy ғf ҡk ӄk ґr гr "
                + "αa βb γy εe ηn ιi κk μu νv οo πn ρp σo ςo τt υu χx ωw ϲc ϳj "
                + "ıi ȷj łl øo đd ħh ŧt ƀb ƈc ɗd ɠg ƙk ɱm ɲn ƥp ʠq ʂs ƭt ʋv ƴy ȥz ɑa ɡg ɩi ɪi ʟl ɴn ʀr ʏy "
                + "ᴀa ʙb ᴄc ᴅd ᴇe ꜰf ɢg ʜh ᴊj ᴋk ᴍm ᴏo ᴘp ꜱs ᴛt ᴜu ᴠv ᴡw ᴢz ƒf");
        pairs(LEET, "0o 1i li 3e 4a 5s 6g 7t 8b 9g @a $s !i |i +t €e ¢c ¥y");
        // regional indicator symbols (🇦 … 🇿) spell words too
        for (int i = 0; i < 26; i++) LOWER.put(0x1F1E6 + i, (char) ('a' + i));
    }

    private static void pairs(Map<Integer, Character> map, String spec) {
        for (String p : spec.split(" ")) {
            if (p.isEmpty()) continue;
            int cp = p.codePointAt(0);
            map.put(cp, p.charAt(Character.charCount(cp)));
        }
    }

    private TextNormalizer() {}

    /**
     * NFKC, look-alikes, case fold, marks and invisible characters removed. Digits, punctuation and
     * spaces stay, so links and invites can still be recognised in the result.
     */
    public static String skeleton(String text) {
        // Plain ASCII, most chat, has nothing to normalise, map or strip: the full path below would only
        // lower-case it (TextNormalizerTest checks the two agree on every ASCII character)
        return isAscii(text) ? text.toLowerCase(Locale.ROOT) : fullSkeleton(text);
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) >= 0x80) return false;
        return true;
    }

    static String fullSkeleton(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder upper = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            Character mapped = UPPER.get(cp);
            upper.appendCodePoint(mapped != null ? mapped : cp);
        });
        // upper then lower case is a full fold for our purpose: ß → SS → ss, ς → Σ → σ, İ → i̇ (the dot goes below)
        s = upper.toString().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        s = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (invisible(cp)) continue;
            Character mapped = LOWER.get(cp);
            out.appendCodePoint(mapped != null ? mapped : cp);
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    /** Marks that only decorate a letter, and characters that show nothing. Spacing marks (Indic vowel signs) belong to words and stay. */
    static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 // Hangul fillers render blank
                || cp == 0x034F;
    }

    /** A word character in any script: letters, digits and spacing marks. */
    static boolean wordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
    }

    static boolean leetSymbol(int cp) {
        return !wordChar(cp) && LEET.containsKey(cp);
    }

    /**
     * The words of a text, two ways. {@code plain}: words of the skeleton. {@code leet}: symbols such
     * as $ @ ! inside or at the edge of a word are part of it and digits and symbols read as letters
     * ("$h1t" → "shit") — but only in words with a letter, so "455" stays a number. {@code spelled}:
     * runs of three or more single characters joined ("s h i t", "s.h.i.t"). {@code compact}: the
     * letters and digits without separators, for scripts written without spaces.
     */
    public record Words(List<String> plain, List<String> leet, List<String> spelled, String compact) {}

    public static Words words(String text) {
        return wordsOfSkeleton(skeleton(text));
    }

    static Words wordsOfSkeleton(String skeleton) {
        List<String> plain = new ArrayList<>();
        List<String> leet = new ArrayList<>();
        List<String> spelled = new ArrayList<>();
        StringBuilder compact = new StringBuilder();
        StringBuilder run = new StringBuilder();
        StringBuilder singles = new StringBuilder();
        int n = skeleton.length();
        int i = 0;
        while (i < n) {
            int cp = skeleton.codePointAt(i);
            if (!wordChar(cp) && !leetSymbol(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            // a raw token: word characters and leet symbols
            int start = i;
            while (i < n) {
                int c = skeleton.codePointAt(i);
                if (!wordChar(c) && !leetSymbol(c)) break;
                i += Character.charCount(c);
            }
            String raw = skeleton.substring(start, i);
            boolean hasLetter = hasLetter(raw);
            List<String> pieces = splitOnSymbols(raw);
            plain.addAll(pieces);
            if (hasLetter) {
                leet.add(leet(raw));
            } else {
                leet.addAll(pieces);
            }
            for (String p : pieces) {
                compact.append(p);
                if (p.codePointCount(0, p.length()) == 1) {
                    singles.append(p);
                } else {
                    flushSingles(singles, spelled);
                }
            }
            if (pieces.isEmpty()) flushSingles(singles, spelled);
        }
        flushSingles(singles, spelled);
        return new Words(plain, leet, spelled, compact.toString());
    }

    private static void flushSingles(StringBuilder singles, List<String> spelled) {
        if (singles.codePointCount(0, singles.length()) >= 3) spelled.add(singles.toString());
        singles.setLength(0);
    }

    /*
     * Every word of every automod-checked message passes through the methods below: plain loops over code points,
     * and a token with nothing to split or to read as leetspeak (most words) is returned as it is, not copied
     * (streams, lambdas and builders per word were a quarter of what the automod bench allocated).
     */

    static boolean hasLetter(String text) {
        return anyCodePoint(text, Character::isLetter);
    }

    private static boolean anyCodePoint(String text, IntPredicate test) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (test.test(cp)) return true;
            i += Character.charCount(cp);
        }
        return false;
    }

    private static List<String> splitOnSymbols(String raw) {
        if (!anyCodePoint(raw, cp -> !wordChar(cp))) return List.of(raw);
        List<String> pieces = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            if (wordChar(cp)) {
                if (start < 0) start = i;
            } else if (start >= 0) {
                pieces.add(raw.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) pieces.add(raw.substring(start));
        return pieces;
    }

    /** Reads digits and symbols as the letters they imitate. */
    public static String leet(String word) {
        StringBuilder sb = null;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            Character c = LEET.get(cp);
            if (c != null && sb == null) sb = new StringBuilder(word.length()).append(word, 0, i);
            if (sb != null) sb.appendCodePoint(c != null ? c : cp);
            i += Character.charCount(cp);
        }
        return sb == null ? word : sb.toString();
    }
}
