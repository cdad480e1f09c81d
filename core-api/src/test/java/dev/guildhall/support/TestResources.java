package dev.guildhall.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the test database once for every {@code @QuarkusTest} (one shared application start). */
@QuarkusTestResource(TestDatabase.class)
public final class TestResources {
    private TestResources() {}
}
