package dev.shipnotify.order.merchants;

import dev.shipnotify.problem.NotAuthenticatedException;
import jakarta.enterprise.context.RequestScoped;

/** The merchant whose API key authenticated the current request. */
@RequestScoped
public class CurrentMerchant {
    private Merchant merchant;

    void set(Merchant merchant) {
        this.merchant = merchant;
    }

    public Merchant get() {
        if (merchant == null) {
            throw new NotAuthenticatedException();
        }
        return merchant;
    }
}
