package dev.shipnotify.problem;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Resolves the merchant of a {@link MerchantAuthenticated} call from its {@code Authorization: Bearer <key>} through
 * the service's {@link MerchantKeyLookup}. No key, an unknown or a revoked one: 401.
 */
@Provider
@MerchantAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class MerchantAuthFilter implements ContainerRequestFilter {
    private final Instance<MerchantKeyLookup> keys;
    private final CurrentMerchant currentMerchant;

    public MerchantAuthFilter(Instance<MerchantKeyLookup> keys, CurrentMerchant currentMerchant) {
        this.keys = keys;
        this.currentMerchant = currentMerchant;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String key = BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orElseThrow(NotAuthenticatedException::new);
        if (!keys.isResolvable()) {
            throw new NotAuthenticatedException();
        }
        currentMerchant.set(keys.get().merchantOfKey(key).orElseThrow(NotAuthenticatedException::new));
    }
}
