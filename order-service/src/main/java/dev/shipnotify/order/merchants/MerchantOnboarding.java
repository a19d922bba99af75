package dev.shipnotify.order.merchants;

import dev.shipnotify.problem.FieldErrors;
import dev.shipnotify.order.problem.Formats;
import dev.shipnotify.problem.RequestValidator;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** Creates merchants with their first API key, and replaces their details. */
@ApplicationScoped
public class MerchantOnboarding {
    private static final String DEFAULT_LOCALE = "en";

    private final RequestValidator validator;
    private final MerchantKeys keys;

    public MerchantOnboarding(RequestValidator validator, MerchantKeys keys) {
        this.validator = validator;
        this.keys = keys;
    }

    /** Validates, stores the merchant and the hash of a new key, and answers with the key in clear, once. */
    @Transactional
    public MerchantView create(MerchantRequest request) {
        String locale = validate(request);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Merchant merchant = new Merchant();
        merchant.id = UUID.randomUUID();
        merchant.createdAt = now;
        apply(merchant, request, locale);
        merchant.persist();
        ApiKeyView key = keys.issue(merchant, now);
        Log.infof("Merchant %s created", merchant.id);
        return MerchantView.of(merchant, key.apiKey());
    }

    /**
     * Replaces the merchant's details (branding, sender, WhatsApp number). Orders placed from now on carry the new
     * branding in {@code order-placed}; orders placed before keep the snapshot they were published with.
     */
    @Transactional
    public Optional<MerchantView> update(UUID id, MerchantRequest request) {
        String locale = validate(request);
        return Merchant.<Merchant>findByIdOptional(id).map(merchant -> {
            apply(merchant, request, locale);
            Log.infof("Merchant %s updated", merchant.id);
            return MerchantView.of(merchant, null);
        });
    }

    private static void apply(Merchant merchant, MerchantRequest request, String locale) {
        merchant.name = request.name();
        merchant.senderName = request.senderName();
        merchant.senderEmail = request.senderEmail();
        merchant.supportEmail = request.supportEmail();
        merchant.supportPhone = request.supportPhone();
        merchant.logoUrl = request.logoUrl();
        merchant.brandColor = request.brandColor();
        merchant.defaultLocale = locale;
        merchant.whatsappPhoneNumberId = request.whatsappPhoneNumberId();
    }

    private String validate(MerchantRequest request) {
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
