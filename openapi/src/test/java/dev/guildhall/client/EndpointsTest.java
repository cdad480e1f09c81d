package dev.guildhall.client;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointsTest {

    @Test
    void everyEndpointConstantIsListedOnceInAll() throws Exception {
        List<Endpoint> constants = new ArrayList<>();
        for (Field f : Endpoints.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Endpoint.class) {
                constants.add((Endpoint) f.get(null));
            }
        }
        assertThat(Endpoints.ALL).containsExactlyInAnyOrderElementsOf(constants);
        assertThat(new HashSet<>(Endpoints.ALL)).hasSameSizeAs(Endpoints.ALL);
    }

    @Test
    void pathsAreV1TemplatesWithKnownParameterNames() {
        for (Endpoint e : Endpoints.ALL) {
            assertThat(e.path()).startsWith("/v1/").doesNotEndWith("/");
            assertThat(e.method()).isIn("GET", "POST", "PUT", "PATCH", "DELETE");
            assertThat(e.path().replaceAll("\\{(server|id|n|user|number|platform)}", "x")).doesNotContain("{", "}");
        }
    }

    @Test
    void idempotencyByMethod() {
        assertThat(Endpoints.GET_WAR.idempotentByMethod()).isTrue();
        assertThat(Endpoints.REGISTER_SERVER.idempotentByMethod()).isTrue();
        assertThat(Endpoints.REVOKE_API_KEY.idempotentByMethod()).isTrue();
        assertThat(Endpoints.CREATE_WAR.idempotentByMethod()).isFalse();
        assertThat(Endpoints.PATCH_SERVER_CONFIG.idempotentByMethod()).isFalse();
    }
}
