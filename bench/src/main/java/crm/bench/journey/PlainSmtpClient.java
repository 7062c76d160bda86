package crm.bench.journey;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The SMTP server's own accept rate, as a plain client sees it: one connection, one message after the other
 * (MAIL, RCPT, DATA), nothing else between them. The ceiling the journey drain is compared with (the benchmark
 * opens as many connections as the service has send workers).
 */
final class PlainSmtpClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    PlainSmtpClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true); // request-answer: Nagle would hold each small command for the previous ACK
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        expect(220);
        command("EHLO bench.localhost", 250);
    }

    /** Sends one message (its raw RFC 5322 bytes, CRLF lines) and returns once the server accepted it. */
    void send(String from, String to, byte[] dotStuffedMessage) throws IOException {
        command("MAIL FROM:<" + from + ">", 250);
        command("RCPT TO:<" + to + ">", 250);
        command("DATA", 354);
        out.write(dotStuffedMessage);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(250);
    }

    /** A message's bytes with CRLF line ends and leading dots doubled (RFC 5321 4.5.2), ending with CRLF. */
    static byte[] dotStuffed(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
        StringBuilder b = new StringBuilder(text.length() + 64);
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(".")) b.append('.');
            b.append(line).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void command(String line, int expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(expected);
    }

    private void expect(int code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) throw new IOException("the SMTP server closed the connection");
        } while (line.length() > 3 && line.charAt(3) == '-'); // multi-line answer
        if (!line.startsWith(String.valueOf(code))) throw new IOException("expected " + code + ", got: " + line);
    }

    @Override
    public void close() throws IOException {
        try {
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } finally {
            socket.close();
        }
    }
}
