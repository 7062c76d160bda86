package crm.testing;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real SMTP server (GreenMail) that accepts every message and keeps it for inspection. */
public final class Smtp implements AutoCloseable {
    private final GreenMail server;

    private Smtp(GreenMail server) {
        this.server = server;
    }

    public static Smtp start(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail server = new NoDelayGreenMail(setup);
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

    /**
     * GreenMail with TCP_NODELAY on its client sockets. It writes a reply in more than one segment, and with Nagle on
     * the last one waits for the client's delayed ACK: about 5 ms a message, 1.5 ms without (a send-heavy test or
     * benchmark would measure GreenMail, not us).
     */
    private static final class NoDelayGreenMail extends GreenMail {
        NoDelayGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            if (config.length != 1 || !ServerSetup.PROTOCOL_SMTP.equals(config[0].getProtocol())) {
                throw new IllegalArgumentException("an SMTP server only");
            }
            Map<String, AbstractServer> services = new HashMap<>();
            services.put(ServerSetup.PROTOCOL_SMTP, new SmtpServer(config[0], managers) {
                @Override
                protected void handleClientSocket(Socket client) throws SocketException {
                    client.setTcpNoDelay(true);
                    super.handleClientSocket(client);
                }
            });
            return services;
        }
    }
}
