package dev.shipnotify.infra.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Speaks SMTP over a plain socket, to check the server's replies code by code. */
final class SmtpConversation implements AutoCloseable {
    /** A complete (possibly multi-line) reply. */
    record Reply(int code, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpConversation(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("server closed the connection");
            }
            lines.add(line.substring(4));
            if (line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    Reply command(String command) throws IOException {
        write(command + "\r\n");
        return read();
    }

    void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Greeting, EHLO, MAIL, RCPT, DATA, then {@code data} as given (already stuffed, ending in CRLF.CRLF). */
    Reply deliver(String from, String to, String data) throws IOException {
        read();
        command("EHLO client.test");
        command("MAIL FROM:<" + from + ">");
        command("RCPT TO:<" + to + ">");
        Reply go = command("DATA");
        if (go.code() != 354) {
            return go;
        }
        write(data);
        return read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
