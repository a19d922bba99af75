package dev.shipnotify.order.merchants;

import dev.shipnotify.problem.BearerToken;
import dev.shipnotify.problem.NotAuthenticatedException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Lets {@link AdminAuthenticated} calls through only with the {@link AdminToken}. */
@Provider
@AdminAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {
    private final AdminToken adminToken;

    public AdminAuthFilter(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String token = BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orElseThrow(NotAuthenticatedException::new);
        if (!adminToken.matches(token)) {
            throw new NotAuthenticatedException();
        }
    }
}
