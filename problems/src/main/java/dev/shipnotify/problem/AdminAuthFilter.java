package dev.shipnotify.problem;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets {@link AdminAuthenticated} calls through only with the service's operator token ({@link AdminTokenCheck});
 * a service without one refuses them all.
 */
@Provider
@AdminAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {
    private final Instance<AdminTokenCheck> adminToken;

    public AdminAuthFilter(Instance<AdminTokenCheck> adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String token = BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orElseThrow(NotAuthenticatedException::new);
        if (!adminToken.isResolvable() || !adminToken.get().matches(token)) {
            throw new NotAuthenticatedException();
        }
    }
}
