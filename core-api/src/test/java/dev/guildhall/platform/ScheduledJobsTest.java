package dev.guildhall.platform;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.scheduler.Scheduled;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * Every scheduled job waits out a database outage instead of failing on every run: {@link DatabaseOutageTest} shows
 * the every-second and every-two-seconds jobs quiet through one; this holds the rule for the jobs that run every ten
 * minutes too, which no test can wait for.
 */
class ScheduledJobsTest {

    @Test
    void everyScheduledJobIsSkippedWhileTheDatabaseIsAway() {
        DescribedPredicate<JavaAnnotation<?>> skippedWhileOpen = new DescribedPredicate<>(
                "@Scheduled(skipExecutionIf = DatabaseBreaker.Open.class)") {
            @Override
            public boolean test(JavaAnnotation<?> annotation) {
                return annotation.getRawType().isEquivalentTo(Scheduled.class)
                        && annotation.get("skipExecutionIf")
                        .map(skip -> skip instanceof JavaClass c && c.isEquivalentTo(DatabaseBreaker.Open.class))
                        .orElse(false);
            }
        };
        methods().that().areAnnotatedWith(Scheduled.class).should().beAnnotatedWith(skippedWhileOpen)
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.guildhall"));
    }
}
