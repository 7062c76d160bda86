package crm.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.util.List;

/** A real SMTP server (GreenMail) that accepts every message and keeps it for inspection. */
public final class Smtp implements AutoCloseable {
    private final GreenMail server;

    private Smtp(GreenMail server) {
        this.server = server;
    }

    public static Smtp start(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail server = new GreenMail(setup);
        server.start();
        return new Smtp(server);
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    public List<MimeMessage> received() {
        return List.of(server.getReceivedMessages());
    }

    /** Messages received for one recipient address. */
    public List<MimeMessage> receivedBy(String address) {
        return received().stream().filter(m -> {
            try {
                var to = m.getAllRecipients();
                return to != null && java.util.Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    public void purge() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
