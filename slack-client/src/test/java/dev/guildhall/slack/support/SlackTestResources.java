package dev.guildhall.slack.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the test environment once for every {@code @QuarkusTest} (one shared application start). */
@QuarkusTestResource(SlackTestEnvironment.class)
public final class SlackTestResources {
    private SlackTestResources() {}
}
