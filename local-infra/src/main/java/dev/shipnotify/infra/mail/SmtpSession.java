package dev.shipnotify.infra.mail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One SMTP conversation (the receiving side of RFC 5321): greeting, EHLO/HELO, optional AUTH that accepts
 * any credentials (so a service configured for a real relay still works locally), MAIL, RCPT, DATA with
 * dot-unstuffing and a size limit, RSET, NOOP, VRFY, QUIT. Replies are written one by one, which also
 * serves clients that pipeline their commands.
 */
final class SmtpSession implements Runnable {
    private static final System.Logger LOG = System.getLogger(SmtpSession.class.getName());
    static final String SERVER_NAME = "localhost";
    /** RFC 5321 allows 512 octets for a command line; tolerate clients that send more. */
    private static final int MAX_COMMAND_LINE = 4096;
    /** RFC 5321 requires accepting at least 100. */
    private static final int MAX_RECIPIENTS = 1000;
    private static final int MAX_BAD_COMMANDS = 20;
    private static final int IDLE_TIMEOUT_MILLIS = 5 * 60 * 1000;

    private final Socket socket;
    private final MailStore store;
    private final int maxMessageBytes;
    private SmtpLineReader in;
    private OutputStream out;

    private String helo;
    private boolean authenticated;
    private String mailFrom;
    private final List<String> rcptTo = new ArrayList<>();
    private int badCommands;

    SmtpSession(Socket socket, MailStore store, int maxMessageBytes) {
        this.socket = socket;
        this.store = store;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            in = new SmtpLineReader(new BufferedInputStream(socket.getInputStream()));
            out = new BufferedOutputStream(socket.getOutputStream());
            reply(220, SERVER_NAME + " ESMTP shipnotify mailbox ready");
            boolean open = true;
            while (open) {
                SmtpLineReader.Line line = in.readLine(MAX_COMMAND_LINE);
                if (line == null) {
                    return;
                }
                if (line.truncated()) {
                    open = bad(500, "Line too long");
                    continue;
                }
                open = handle(new String(line.bytes(), StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            quietly(421, SERVER_NAME + " Timeout, closing connection");
        } catch (IOException e) {
            // The client went away mid-conversation; nothing to answer.
        }
    }

    /** @return whether to keep reading commands */
    private boolean handle(String line) throws IOException {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String arg = space < 0 ? "" : line.substring(space + 1).strip();
        return switch (verb) {
            case "EHLO" -> ehlo(arg);
            case "HELO" -> helo(arg);
            case "MAIL" -> mail(arg);
            case "RCPT" -> rcpt(arg);
            case "DATA" -> data(arg);
            case "RSET" -> {
                resetTransaction();
                yield replyAndContinue(250, "Ok");
            }
            case "NOOP" -> replyAndContinue(250, "Ok");
            case "QUIT" -> {
                reply(221, SERVER_NAME + " Bye");
                yield false;
            }
            case "VRFY" -> arg.isEmpty()
                    ? bad(501, "Syntax: VRFY <address>")
                    : replyAndContinue(252, "Cannot VRFY user, but will accept message and attempt delivery");
            case "EXPN" -> replyAndContinue(502, "EXPN not supported");
            case "HELP" -> replyAndContinue(214, "Commands: EHLO HELO AUTH MAIL RCPT DATA RSET NOOP VRFY QUIT");
            case "AUTH" -> auth(arg);
            case "STARTTLS" -> bad(502, "STARTTLS not available on this local server");
            default -> bad(500, "Syntax error, command unrecognized");
        };
    }

    private boolean ehlo(String domain) throws IOException {
        if (domain.isEmpty()) {
            return bad(501, "Syntax: EHLO hostname");
        }
        helo = domain;
        resetTransaction();
        replyLines(250, List.of(
                SERVER_NAME + " greets " + domain,
                "PIPELINING",
                "SIZE " + maxMessageBytes,
                "8BITMIME",
                "SMTPUTF8",
                "AUTH PLAIN LOGIN",
                "HELP"));
        return true;
    }

    private boolean helo(String domain) throws IOException {
        if (domain.isEmpty()) {
            return bad(501, "Syntax: HELO hostname");
        }
        helo = domain;
        resetTransaction();
        reply(250, SERVER_NAME);
        return true;
    }

    private boolean mail(String arg) throws IOException {
        if (helo == null) {
            return bad(503, "Send EHLO or HELO first");
        }
        if (mailFrom != null) {
            return bad(503, "Nested MAIL command");
        }
        SmtpPath path = SmtpPath.parse(arg, "FROM:");
        if (path == null) {
            return bad(501, "Syntax: MAIL FROM:<address>");
        }
        for (String param : path.params()) {
            String upper = param.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SIZE=")) {
                long declared;
                try {
                    declared = Long.parseLong(param.substring(5));
                } catch (NumberFormatException e) {
                    return bad(501, "Bad SIZE parameter");
                }
                if (declared > maxMessageBytes) {
                    reply(552, "Message size exceeds fixed maximum message size of " + maxMessageBytes + " bytes");
                    return true;
                }
            } else if (upper.startsWith("BODY=")) {
                String body = upper.substring(5);
                if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
                    return bad(501, "Unsupported BODY type " + body);
                }
            } else if (!upper.equals("SMTPUTF8") && !upper.startsWith("AUTH=")) {
                return bad(555, "MAIL FROM parameter not recognized: " + param);
            }
        }
        mailFrom = path.address();
        reply(250, "Ok");
        return true;
    }

    private boolean rcpt(String arg) throws IOException {
        if (mailFrom == null) {
            return bad(503, "Need MAIL before RCPT");
        }
        SmtpPath path = SmtpPath.parse(arg, "TO:");
        if (path == null || path.address().isEmpty()) {
            return bad(501, "Syntax: RCPT TO:<address>");
        }
        if (!path.address().contains("@") && !path.address().equalsIgnoreCase("postmaster")) {
            return bad(553, "Recipient address must have a domain");
        }
        for (String param : path.params()) {
            String upper = param.toUpperCase(Locale.ROOT);
            if (!upper.startsWith("NOTIFY=") && !upper.startsWith("ORCPT=")) {
                return bad(555, "RCPT TO parameter not recognized: " + param);
            }
        }
        if (rcptTo.size() >= MAX_RECIPIENTS) {
            reply(452, "Too many recipients");
            return true;
        }
        rcptTo.add(path.address());
        reply(250, "Ok");
        return true;
    }

    private boolean data(String arg) throws IOException {
        if (!arg.isEmpty()) {
            return bad(501, "Syntax: DATA takes no parameters");
        }
        if (mailFrom == null) {
            return bad(503, "Need MAIL command");
        }
        if (rcptTo.isEmpty()) {
            return bad(554, "No valid recipients");
        }
        reply(354, "End data with <CR><LF>.<CR><LF>");
        ByteArrayOutputStream message = new ByteArrayOutputStream(8192);
        boolean tooBig = false;
        while (true) {
            SmtpLineReader.Line line = in.readLine(maxMessageBytes);
            if (line == null) {
                throw new IOException("connection closed during DATA");
            }
            byte[] bytes = line.bytes();
            if (!line.truncated() && bytes.length == 1 && bytes[0] == '.') {
                break;
            }
            int skip = bytes.length > 0 && bytes[0] == '.' ? 1 : 0;
            if (line.truncated() || message.size() + bytes.length - skip + 2 > maxMessageBytes) {
                // Keep reading to the terminating dot so the conversation stays in step.
                tooBig = true;
            }
            if (!tooBig) {
                message.write(bytes, skip, bytes.length - skip);
                message.write('\r');
                message.write('\n');
            }
        }
        if (tooBig) {
            resetTransaction();
            reply(552, "Message size exceeds fixed maximum message size of " + maxMessageBytes + " bytes");
            return true;
        }
        try {
            StoredMail stored = store.add(new Envelope(mailFrom, rcptTo, helo), message.toByteArray());
            reply(250, "Ok: queued as " + stored.id());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not store a message: {0}", e.toString());
            reply(451, "Requested action aborted: could not store the message");
        } finally {
            resetTransaction();
        }
        return true;
    }

    /** Accepts any credentials: the point is that a client configured to log in can still deliver. */
    private boolean auth(String arg) throws IOException {
        if (helo == null) {
            return bad(503, "Send EHLO first");
        }
        if (authenticated) {
            return bad(503, "Already authenticated");
        }
        if (mailFrom != null) {
            return bad(503, "AUTH not allowed during a mail transaction");
        }
        String[] parts = arg.split(" ", 2);
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        String initial = parts.length > 1 ? parts[1].strip() : null;
        int responsesNeeded;
        if (mechanism.equals("PLAIN")) {
            responsesNeeded = initial == null ? 1 : 0;
        } else if (mechanism.equals("LOGIN")) {
            responsesNeeded = initial == null ? 2 : 1;
        } else {
            return bad(504, "Unrecognized authentication type");
        }
        if (initial != null && !isBase64(initial)) {
            return bad(501, "Cannot decode AUTH parameter");
        }
        // LOGIN prompts are base64 of "Username:" and "Password:"; PLAIN sends an empty challenge.
        List<String> prompts = mechanism.equals("LOGIN") ? List.of("VXNlcm5hbWU6", "UGFzc3dvcmQ6") : List.of("");
        for (int i = 0; i < responsesNeeded; i++) {
            writeLine("334 " + prompts.get(prompts.size() - responsesNeeded + i));
            SmtpLineReader.Line line = in.readLine(MAX_COMMAND_LINE);
            if (line == null) {
                throw new IOException("connection closed during AUTH");
            }
            String response = new String(line.bytes(), StandardCharsets.US_ASCII).strip();
            if (response.equals("*")) {
                return bad(501, "Authentication cancelled");
            }
            if (!isBase64(response)) {
                return bad(501, "Cannot decode response");
            }
        }
        authenticated = true;
        reply(235, "Authentication successful");
        return true;
    }

    /** RFC 4954 writes an empty response as "=". */
    private static boolean isBase64(String value) {
        if (value.equals("=")) {
            return true;
        }
        try {
            Base64.getDecoder().decode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void resetTransaction() {
        mailFrom = null;
        rcptTo.clear();
    }

    private boolean replyAndContinue(int code, String text) throws IOException {
        reply(code, text);
        return true;
    }

    /** Answers an error; a client that keeps sending garbage is disconnected. */
    private boolean bad(int code, String text) throws IOException {
        if (++badCommands > MAX_BAD_COMMANDS) {
            reply(421, SERVER_NAME + " Too many errors, closing connection");
            return false;
        }
        reply(code, text);
        return true;
    }

    private void reply(int code, String text) throws IOException {
        writeLine(code + " " + text);
    }

    private void replyLines(int code, List<String> lines) throws IOException {
        for (int i = 0; i < lines.size(); i++) {
            String separator = i == lines.size() - 1 ? " " : "-";
            out.write((code + separator + lines.get(i) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private void writeLine(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void quietly(int code, String text) {
        try {
            reply(code, text);
        } catch (IOException | RuntimeException e) {
            // The connection is being dropped anyway.
        }
    }
}
