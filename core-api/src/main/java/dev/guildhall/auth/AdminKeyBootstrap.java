package dev.guildhall.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The first admin key: {@code GUILDHALL_ADMIN_KEY} when set. The embedded default run passes a
 * generated one (kept in its data directory) through the same property and prints it.
 */
public class AdminKeyBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminKeyBootstrap.class);

    void onStart(@Observes StartupEvent event, ApiKeyService keys,
                 @ConfigProperty(name = "guildhall.admin-key") Optional<String> adminKey) {
        if (adminKey.isEmpty() || adminKey.get().isBlank()) {
            LOG.info("GUILDHALL_ADMIN_KEY is not set: no bootstrap admin key; existing keys keep working");
            return;
        }
        if (adminKey.get().length() < 16) {
            throw new IllegalStateException("GUILDHALL_ADMIN_KEY must be at least 16 characters");
        }
        keys.ensureBootstrapAdmin(adminKey.get().trim());
    }
}
