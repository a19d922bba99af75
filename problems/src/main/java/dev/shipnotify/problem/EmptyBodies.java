package dev.shipnotify.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * An empty body is no body, whatever its label. Some HTTP clients label every POST, even one without a body, with a
 * default content type (REST Assured and axios send {@code application/x-www-form-urlencoded}); without this, a
 * bodiless cancel or key rotation would answer 415 for a body that is not there.
 */
@Provider
@PreMatching
public class EmptyBodies implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if ("0".equals(request.getHeaderString(HttpHeaders.CONTENT_LENGTH))) {
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }
}
