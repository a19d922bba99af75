package dev.shipnotify.notification.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    @Test
    void triesTheRegionalThenTheLanguageFile_forANonEnglishLocale() {
        assertThat(MessageTemplates.candidates("email/order-confirmed", "html", Locale.forLanguageTag("hi-IN")))
                .containsExactly("email/order-confirmed_hi_IN.html", "email/order-confirmed_hi.html");
    }

    @Test
    void endsWithTheSuffixlessFile_forEnglish() {
        assertThat(MessageTemplates.candidates("email/order-confirmed", "txt", Locale.forLanguageTag("en-IN")))
                .containsExactly("email/order-confirmed_en_IN.txt", "email/order-confirmed_en.txt",
                        "email/order-confirmed.txt");
    }

    @Test
    void choosesTheShopperThenTheMerchantThenEnglish() {
        assertThat(LocaleChain.of("bn-IN", "hi")).containsExactly(Locale.forLanguageTag("bn-IN"),
                Locale.forLanguageTag("hi"), Locale.ENGLISH);
    }

    @Test
    void skipsMissingOrMalformedLocales() {
        assertThat(LocaleChain.of(null, "not a locale!")).containsExactly(Locale.ENGLISH);
        assertThat(LocaleChain.of("te_IN", "")).containsExactly(Locale.forLanguageTag("te-IN"), Locale.ENGLISH);
    }
}
