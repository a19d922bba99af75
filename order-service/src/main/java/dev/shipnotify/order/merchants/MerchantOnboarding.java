package dev.shipnotify.order.merchants;

import dev.shipnotify.order.problem.FieldErrors;
import dev.shipnotify.order.problem.Formats;
import dev.shipnotify.order.problem.RequestValidator;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Creates merchants and issues their first API key. */
@ApplicationScoped
public class MerchantOnboarding {
    private static final String DEFAULT_LOCALE = "en";

    private final RequestValidator validator;

    public MerchantOnboarding(RequestValidator validator) {
        this.validator = validator;
    }

    /** Validates, stores the merchant and the hash of a new key, and answers with the key in clear, once. */
    @Transactional
    public MerchantView create(CreateMerchantRequest request) {
        String locale = validate(request);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        Merchant merchant = new Merchant();
        merchant.id = UUID.randomUUID();
        merchant.name = request.name();
        merchant.senderName = request.senderName();
        merchant.senderEmail = request.senderEmail();
        merchant.supportEmail = request.supportEmail();
        merchant.supportPhone = request.supportPhone();
        merchant.logoUrl = request.logoUrl();
        merchant.brandColor = request.brandColor();
        merchant.defaultLocale = locale;
        merchant.whatsappPhoneNumberId = request.whatsappPhoneNumberId();
        merchant.createdAt = now;
        merchant.persist();

        String key = ApiKeys.generate();
        MerchantApiKey apiKey = new MerchantApiKey();
        apiKey.id = UUID.randomUUID();
        apiKey.merchantId = merchant.id;
        apiKey.keyHash = ApiKeys.hash(key);
        apiKey.keyPrefix = ApiKeys.displayPrefix(key);
        apiKey.createdAt = now;
        apiKey.persist();

        Log.infof("Merchant %s created with API key %s...", merchant.id, apiKey.keyPrefix);
        return MerchantView.of(merchant, key);
    }

    private String validate(CreateMerchantRequest request) {
        FieldErrors errors = validator.check(request, "name and senderEmail");
        if (request == null) {
            errors.throwIfAny();
        }
        checkEmail(errors, "senderEmail", request.senderEmail());
        checkEmail(errors, "supportEmail", request.supportEmail());
        if (request.logoUrl() != null && !errors.has("logoUrl") && !Formats.isHttpUrl(request.logoUrl())) {
            errors.add("logoUrl", "must be an absolute http(s) URL");
        }
        String locale = request.defaultLocale() == null ? DEFAULT_LOCALE
                : Formats.languageTag(request.defaultLocale()).orElse(null);
        if (locale == null && !errors.has("defaultLocale")) {
            errors.add("defaultLocale", "must be a BCP 47 language tag such as en-IN");
        }
        errors.throwIfAny();
        return locale;
    }

    private static void checkEmail(FieldErrors errors, String field, String email) {
        if (email != null && !email.isBlank() && !errors.has(field) && !Formats.isEmail(email)) {
            errors.add(field, Formats.EMAIL_MESSAGE);
        }
    }
}
