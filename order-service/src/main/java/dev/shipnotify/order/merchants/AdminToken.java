package dev.shipnotify.order.merchants;

import dev.shipnotify.order.OrderConfig;
import dev.shipnotify.problem.AdminTokenCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;

/** The operator's token from {@code order.admin-token}. */
public class AdminToken {

    @Produces
    @ApplicationScoped
    AdminTokenCheck adminToken(OrderConfig config) {
        return AdminTokenCheck.of(Optional.of(config.adminToken()));
    }
}
