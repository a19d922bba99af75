package dev.shipnotify.tracking.merchant;

import dev.shipnotify.contracts.MerchantKeyChanged;
import dev.shipnotify.problem.BearerToken;
import dev.shipnotify.problem.NotAuthenticatedException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Resolves the merchant of a {@link MerchantAuthenticated} call from its {@code Authorization: Bearer <key>}: the
 * key's SHA-256 looked up in {@link MerchantKeyProjection}. No key, an unknown or a revoked one: 401.
 */
@Provider
@MerchantAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class MerchantAuthFilter implements ContainerRequestFilter {
    private final MerchantKeyProjection keys;
    private final CurrentMerchant currentMerchant;

    public MerchantAuthFilter(MerchantKeyProjection keys, CurrentMerchant currentMerchant) {
        this.keys = keys;
        this.currentMerchant = currentMerchant;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String key = BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orElseThrow(NotAuthenticatedException::new);
        currentMerchant.set(keys.merchantOf(MerchantKeyChanged.hashOf(key))
                .orElseThrow(NotAuthenticatedException::new));
    }
}
