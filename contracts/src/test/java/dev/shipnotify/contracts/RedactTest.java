package dev.shipnotify.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactTest {

    @Test
    void email_keepsFirstLettersAndTopLevelDomainOnly() {
        assertThat(Redact.email("asha.rao@example.com")).isEqualTo("a***@e***.com");
    }

    @ParameterizedTest
    @CsvSource({
            "priya.sharma@example.com, priya.sharma, example",
            "rohit@kesarihandloom.co.in, rohit, kesarihandloom",
            "ab@xy.in, ab, xy"})
    void email_neverShowsTheLocalPartOrTheDomain(String email, String local, String host) {
        String redacted = Redact.email(email);

        assertThat(redacted).isNotEqualTo(email).doesNotContain(local).doesNotContain(host).doesNotContain(email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-address", "@example.com"})
    void email_masksEverything_whenThereIsNoLocalPart(String email) {
        assertThat(Redact.email(email)).isEqualTo("***");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "   ")
    void email_saysNone_whenThereIsNothing(String email) {
        assertThat(Redact.email(email)).isEqualTo("<none>");
    }

    @Test
    void phone_keepsCountryCodeAndLastFourDigitsOnly() {
        assertThat(Redact.phone("+919876543210")).isEqualTo("+91******3210");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+919876543210", "+91 98765 43210", "+91-98765-43210", "+447700900123", "+8801712345678"})
    void phone_neverShowsTheSubscriberNumber(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");

        String redacted = Redact.phone(phone);

        assertThat(redacted).doesNotContain(digits.substring(2, digits.length() - 4)).doesNotContain(digits);
        assertThat(redacted.chars().filter(Character::isDigit).count()).isLessThanOrEqualTo(6);
    }

    @Test
    void phone_masksEverything_whenTooShortToHideAnything() {
        assertThat(Redact.phone("+91 123")).isEqualTo("***");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void phone_saysNone_whenThereIsNothing(String phone) {
        assertThat(Redact.phone(phone)).isEqualTo("<none>");
    }
}
