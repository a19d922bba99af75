package dev.shipnotify.notification.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SenderIdentityTest {

    @Test
    void quotesTheDisplayName() {
        assertThat(SenderIdentity.mailbox("Acme Kitchenware", "orders@acme.example"))
                .isEqualTo("\"Acme Kitchenware\" <orders@acme.example>");
        assertThat(SenderIdentity.mailbox("Acme, Inc.", "orders@acme.example"))
                .isEqualTo("\"Acme, Inc.\" <orders@acme.example>");
    }

    @Test
    void removesWhatCouldBreakTheHeader() {
        assertThat(SenderIdentity.mailbox("Evil\r\nBcc: all@example.com \"x\" <y>", "orders@acme.example"))
                .isEqualTo("\"Evil Bcc: all@example.com x y\" <orders@acme.example>");
    }

    @Test
    void leavesNonAsciiNamesUnquoted_forTheMailerToEncode() {
        assertThat(SenderIdentity.mailbox("आशा स्टोर", "orders@acme.example")).isEqualTo("आशा स्टोर <orders@acme.example>");
    }

    @Test
    void takesTheMessageIdDomainFromTheSenderAddress() {
        assertThat(SenderIdentity.domainOf("Orders@Acme-Kitchen.Example")).isEqualTo("acme-kitchen.example");
        assertThat(SenderIdentity.domainOf("broken@")).isNull();
        assertThat(SenderIdentity.domainOf("x@bad domain")).isNull();
    }
}
