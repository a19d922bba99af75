package dev.shipnotify.problem;

import jakarta.enterprise.context.RequestScoped;

/** The merchant of the current request, as its API key told {@link MerchantAuthFilter}. */
@RequestScoped
public class CurrentMerchant {
    private String merchantId;

    void set(String merchantId) {
        this.merchantId = merchantId;
    }

    public String id() {
        if (merchantId == null) {
            throw new NotAuthenticatedException();
        }
        return merchantId;
    }
}
