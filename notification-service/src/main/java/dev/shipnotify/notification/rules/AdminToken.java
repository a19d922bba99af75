package dev.shipnotify.notification.rules;

import dev.shipnotify.notification.NotificationConfig;
import dev.shipnotify.problem.AdminTokenCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The operator's token from {@code notification.admin-token}; without one, every admin call is refused. */
public class AdminToken {

    @Produces
    @ApplicationScoped
    AdminTokenCheck adminToken(NotificationConfig config) {
        return AdminTokenCheck.of(config.adminToken());
    }
}
