package dev.shipnotify.order.merchants;

import dev.shipnotify.problem.BearerToken;
import dev.shipnotify.problem.NotAuthenticatedException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Resolves the merchant of a {@link MerchantAuthenticated} call from its API key; no key or an unknown one is 401. */
@Provider
@MerchantAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class MerchantAuthFilter implements ContainerRequestFilter {
    private final CurrentMerchant currentMerchant;

    public MerchantAuthFilter(CurrentMerchant currentMerchant) {
        this.currentMerchant = currentMerchant;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String key = BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orElseThrow(NotAuthenticatedException::new);
        currentMerchant.set(Merchant.findByApiKeyHash(ApiKeys.hash(key)).orElseThrow(NotAuthenticatedException::new));
    }
}
