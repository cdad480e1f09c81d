package dev.guildhall.server;

import com.google.re2j.Pattern;
import dev.guildhall.platform.ProblemException.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cost of a server's automod regexes, estimated before compiling and capped after. */
class RegexBudgetTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "(?i)free\\s+nitro", "(a+)+$", "[a-z]{1000}", "(a|b){1000}", "((a{10}){10}){10}", "(\\pL{50}){50}x",
            "(?P<word>ab{2,5}c)+", "\\Q{100}{100}\\E", "[\\]{}]{10,20}", "x{3,}", "a{,5}", "(?:ab|cd|ef){20}",
            "\\p{Greek}{30}", "[[:alpha:]]{40}", "^\\d{4}-\\d{2}$",
    })
    void theEstimateIsNeverFarBelowTheCompiledSize(String regex) {
        // a far lower estimate would let a costly pattern be compiled before it is refused
        assertThat(RegexBudget.estimate(regex) * 2).isGreaterThanOrEqualTo(Pattern.compile(regex).programSize());
    }

    @Test
    void nestedCountedRepetitionIsRefusedWithoutBeingCompiled() {
        // a million instructions for the first, a billion for the second: compiling either takes seconds or the heap
        for (String monster : List.of("((a{100}){100}){100}", "((a{1000}){1000}){1000}", "(((((((a{10}){10}){10}){10}){10}){10}){10})")) {
            long start = System.nanoTime();
            List<FieldError> errors = RegexBudget.problems(List.of(monster));
            assertThat((System.nanoTime() - start) / 1_000_000).as(monster).isLessThan(200);
            assertThat(errors).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("automod.regexes[0]");
                assertThat(e.message()).contains("10000");
            });
        }
    }

    @Test
    void theRegexesOfAServerShareOneBudget() {
        String big = "(\\pL{60}){60}x"; // about 3,700 instructions
        assertThat(Pattern.compile(big).programSize()).isBetween(3_000, 4_000);
        assertThat(RegexBudget.problems(Collections.nCopies(2, big))).isEmpty();
        List<FieldError> errors = RegexBudget.problems(List.of(big, "ok", big, big));
        assertThat(errors).extracting(FieldError::field).containsExactly("automod.regexes[3]");
        assertThat(errors.get(0).message()).contains("the ones before it take");
        RegexBudget.Compiled compiled = RegexBudget.compile(List.of(big, "ok", big, big));
        assertThat(compiled.patterns()).hasSize(3);
        assertThat(compiled.programSize()).isLessThanOrEqualTo(RegexBudget.MAX_PROGRAM);
    }

    @Test
    void aPatternRe2CannotRunIsNamed() {
        assertThat(RegexBudget.problems(List.of("fine", "(a)\\1"))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("not a valid RE2"));
    }
}
