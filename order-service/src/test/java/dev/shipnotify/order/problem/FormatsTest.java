package dev.shipnotify.order.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormatsTest {

    @ParameterizedTest
    @ValueSource(strings = { "+919876543210", "+14155552671", "+4930123456", "+123456789012345" })
    void acceptsE164Numbers(String phone) {
        assertThat(Formats.isE164(phone)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "9876543210", "+09876543210", "+91 98765 43210", "+91-9876543210", "+1234567",
            "+1234567890123456", "" })
    void rejectsEverythingElseAsAPhone(String phone) {
        assertThat(Formats.isE164(phone)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "asha@example.com", "priya.sharma+orders@mail.example.co.in", "o'neil@example.ie" })
    void acceptsEmailAddresses(String email) {
        assertThat(Formats.isEmail(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "asha", "asha@", "@example.com", "asha@example", "asha@@example.com",
            "asha @example.com", "asha@-example.com" })
    void rejectsWhatIsNoEmailAddress(String email) {
        assertThat(Formats.isEmail(email)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({ "hi-IN,hi-IN", "en-in,en-IN", "bn,bn", "te-IN,te-IN", "zh-Hant-TW,zh-Hant-TW" })
    void canonicalisesLanguageTags(String tag, String canonical) {
        assertThat(Formats.languageTag(tag)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = { "english", "en_IN", "x-private", "-IN", " " })
    void rejectsIllFormedLanguageTags(String tag) {
        assertThat(Formats.languageTag(tag)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "Asia/Kolkata,true", "UTC,true", "Europe/Berlin,true", "+05:30,false", "IST,false",
            "Mars/Olympus,false" })
    void knowsIanaTimeZones(String zone, boolean valid) {
        assertThat(Formats.isIanaTimeZone(zone)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({ "https://cdn.example.com/a.png,true", "http://example.com,true", "ftp://example.com/a,false",
            "javascript:alert(1),false", "/relative/path.png,false" })
    void acceptsOnlyAbsoluteHttpUrls(String url, boolean valid) {
        assertThat(Formats.isHttpUrl(url)).isEqualTo(valid);
    }
}
