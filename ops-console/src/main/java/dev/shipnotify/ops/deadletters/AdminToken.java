package dev.shipnotify.ops.deadletters;

import dev.shipnotify.problem.AdminTokenCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The operator's token from {@code ops.admin-token}, which a replay needs; without one, every replay is refused. */
public class AdminToken {

    @Produces
    @ApplicationScoped
    AdminTokenCheck adminToken(@ConfigProperty(name = "ops.admin-token") Optional<String> token) {
        return AdminTokenCheck.of(token);
    }
}
