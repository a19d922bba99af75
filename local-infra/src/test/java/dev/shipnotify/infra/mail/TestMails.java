package dev.shipnotify.infra.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.UnsupportedEncodingException;
import java.util.Properties;
import java.util.UUID;

/** Builds and sends test mail through jakarta.mail (Angus), the way a Java service would. */
final class TestMails {
    private TestMails() {
    }

    static String uniqueAddress(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static Session session(int smtpPort) {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", String.valueOf(smtpPort));
        props.setProperty("mail.smtp.connectiontimeout", "5000");
        props.setProperty("mail.smtp.timeout", "10000");
        return Session.getInstance(props);
    }

    /** A shipped-notification-like mail: multipart/alternative, text and HTML, UTF-8, custom headers. */
    static MimeMessage shipped(Session session, String to, String subject, String text, String html)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("orders@shop.example", "Demo Shop", "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, "आशा राव", "UTF-8"));
        message.setSubject(subject, "UTF-8");
        message.setHeader("X-Shipnotify-Order", "ord-42");
        message.setHeader("List-Unsubscribe", "<https://shop.example/unsubscribe?token=t0k3n>");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart);
        alternative.addBodyPart(htmlPart);
        message.setContent(alternative);
        return message;
    }

    static void sendText(int smtpPort, String to, String subject, String text) throws MessagingException {
        Session session = session(smtpPort);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("orders@shop.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        Transport.send(message);
    }
}
